import { type PortalTokenCheck, signPortalToken, verifyPortalToken } from './portal-token.js';

export const DEFAULT_LINK_TTL_SECONDS = 15 * 60;
export const MAX_LINK_TTL_SECONDS = 24 * 60 * 60;
export const SESSION_TTL_MS = 60 * 60 * 1000;
/** Used link nonces remembered (until their link expires); beyond this the oldest are forgotten. */
const MAX_REMEMBERED_NONCES = 100_000;

export interface PortalAccessOptions {
  /** From derivePortalSigningKey. */
  signingKey: Buffer;
  now: () => number;
  /** Public base URL of the sender (e.g. http://127.0.0.1:8787); null until the server listens. */
  baseUrl: () => string | null;
  sessionTtlMs?: number;
}

export interface PortalLink {
  url: string;
  expiresAt: number;
}

export type RedeemResult =
  | { ok: true; tenantId: string; session: { token: string; expiresAt: number } }
  | { ok: false; reason: 'expired' | 'invalid' | 'used' };

export type SessionResult =
  | { ok: true; tenantId: string; expiresAt: number }
  | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Magic links and portal sessions. A link (minutes) is exchanged once for a session (an hour);
 * both are HMAC-signed tokens, so nothing is stored but the nonces of links already used. The
 * single-use memory is per process: behind several API processes a link could be opened once per
 * process within its few minutes, which the short TTL bounds.
 */
export class PortalAccess {
  readonly #options: PortalAccessOptions;
  readonly #usedNonces = new Map<string, number>();
  #lastPrune = 0;

  constructor(options: PortalAccessOptions) {
    this.#options = options;
  }

  createLink(tenantId: string, ttlSeconds = DEFAULT_LINK_TTL_SECONDS): PortalLink {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_LINK_TTL_SECONDS) {
      throw new RangeError(`ttlSeconds must be a whole number from 1 to ${MAX_LINK_TTL_SECONDS}`);
    }
    const base = this.#options.baseUrl();
    if (!base) throw new Error('the portal link needs the server URL: call start() first');
    const expiresAt = this.#options.now() + ttlSeconds * 1000;
    const token = signPortalToken(this.#options.signingKey, { purpose: 'link', tenantId, expiresAt });
    return { url: `${base.replace(/\/+$/, '')}/portal/open?token=${token}`, expiresAt };
  }

  /** Checks a magic link and, the first time only, turns it into a session. */
  redeemLink(token: string): RedeemResult {
    const now = this.#options.now();
    const check = verifyPortalToken(this.#options.signingKey, token, 'link', now);
    if (!check.ok) return { ok: false, reason: failureOf(check) };
    const { nonce, tenantId, expiresAt } = check.claims;
    this.#prune(now);
    if (this.#usedNonces.has(nonce)) return { ok: false, reason: 'used' };
    this.#usedNonces.set(nonce, expiresAt);
    if (this.#usedNonces.size > MAX_REMEMBERED_NONCES) {
      this.#usedNonces.delete(this.#usedNonces.keys().next().value!);
    }
    const sessionExpiresAt = now + (this.#options.sessionTtlMs ?? SESSION_TTL_MS);
    const session = signPortalToken(this.#options.signingKey, {
      purpose: 'session',
      tenantId,
      expiresAt: sessionExpiresAt,
    });
    return { ok: true, tenantId, session: { token: session, expiresAt: sessionExpiresAt } };
  }

  checkSession(token: string): SessionResult {
    const check = verifyPortalToken(this.#options.signingKey, token, 'session', this.#options.now());
    if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
    return { ok: true, tenantId: check.claims.tenantId, expiresAt: check.claims.expiresAt };
  }

  #prune(now: number): void {
    if (now - this.#lastPrune < 60_000) return;
    this.#lastPrune = now;
    for (const [nonce, expiresAt] of this.#usedNonces) if (expiresAt <= now) this.#usedNonces.delete(nonce);
  }
}

function failureOf(check: Extract<PortalTokenCheck, { ok: false }>): 'expired' | 'invalid' {
  return check.reason === 'expired' ? 'expired' : 'invalid';
}
