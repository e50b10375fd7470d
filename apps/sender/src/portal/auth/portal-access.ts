import { type PortalTokenCheck, signPortalToken, verifyPortalToken } from './portal-token.js';

export const DEFAULT_LINK_TTL_SECONDS = 15 * 60;
export const MAX_LINK_TTL_SECONDS = 24 * 60 * 60;
export const SESSION_TTL_MS = 60 * 60 * 1000;

export interface PortalAccessOptions {
  /** From derivePortalSigningKey. */
  signingKey: Buffer;
  now: () => number;
  /** Public base URL of the sender (e.g. http://127.0.0.1:8787); null until the server listens. */
  baseUrl: () => string | null;
  /**
   * Records a link's first use; false if it was used before. The store's markPortalLinkUsed, so
   * every process on one database (and a restarted one) agrees that a link opens once.
   */
  markLinkUsed: (nonce: string, expiresAt: number, now: number) => Promise<boolean>;
  /**
   * Whether the stored API key that issued a link is still valid (exists, not revoked). Asked when a
   * link is opened and on every session call, so revoking a key ends its links and sessions at once.
   */
  isIssuerActive: (keyId: string) => Promise<boolean>;
  sessionTtlMs?: number;
}

export interface PortalLink {
  url: string;
  expiresAt: number;
}

export type RedeemResult =
  | { ok: true; tenantId: string; session: { token: string; expiresAt: number } }
  | { ok: false; reason: 'expired' | 'invalid' | 'used' | 'revoked' };

export type SessionResult =
  | { ok: true; tenantId: string; expiresAt: number }
  | { ok: false; reason: 'expired' | 'invalid' | 'revoked' };

/**
 * Magic links and portal sessions. A link (minutes) is exchanged once for a session (an hour);
 * both are HMAC-signed tokens, so nothing is stored but the nonces of links already opened, in the
 * store until the link expires: a link opens once whichever process behind a load balancer gets
 * it, and a restart does not make used links work again.
 */
export class PortalAccess {
  readonly #options: PortalAccessOptions;

  constructor(options: PortalAccessOptions) {
    this.#options = options;
  }

  /** `issuerKeyId`: the stored API key asking for the link, whose revocation ends it (see claims). */
  createLink(tenantId: string, ttlSeconds = DEFAULT_LINK_TTL_SECONDS, issuerKeyId?: string): PortalLink {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_LINK_TTL_SECONDS) {
      throw new RangeError(`ttlSeconds must be a whole number from 1 to ${MAX_LINK_TTL_SECONDS}`);
    }
    const base = this.#options.baseUrl();
    if (!base) throw new Error('the portal link needs the server URL: call start() first');
    const expiresAt = this.#options.now() + ttlSeconds * 1000;
    const token = signPortalToken(this.#options.signingKey, {
      purpose: 'link',
      tenantId,
      expiresAt,
      ...(issuerKeyId === undefined ? {} : { issuerKeyId }),
    });
    return { url: `${base.replace(/\/+$/, '')}/portal/open?token=${token}`, expiresAt };
  }

  /** Checks a magic link and, the first time only, turns it into a session. */
  async redeemLink(token: string): Promise<RedeemResult> {
    const now = this.#options.now();
    // Signature and expiry first: a forged or stale token never reaches the store.
    const check = verifyPortalToken(this.#options.signingKey, token, 'link', now);
    if (!check.ok) return { ok: false, reason: failureOf(check) };
    const { nonce, tenantId, expiresAt, issuerKeyId } = check.claims;
    // Before the link is marked used: a link refused for its key stays refused, not "used".
    if (!(await this.#issuerActive(issuerKeyId))) return { ok: false, reason: 'revoked' };
    if (!(await this.#options.markLinkUsed(nonce, expiresAt, now))) return { ok: false, reason: 'used' };
    const sessionExpiresAt = now + (this.#options.sessionTtlMs ?? SESSION_TTL_MS);
    const session = signPortalToken(this.#options.signingKey, {
      purpose: 'session',
      tenantId,
      expiresAt: sessionExpiresAt,
      ...(issuerKeyId === undefined ? {} : { issuerKeyId }),
    });
    return { ok: true, tenantId, session: { token: session, expiresAt: sessionExpiresAt } };
  }

  async checkSession(token: string): Promise<SessionResult> {
    const check = verifyPortalToken(this.#options.signingKey, token, 'session', this.#options.now());
    if (!check.ok) return { ok: false, reason: failureOf(check) };
    if (!(await this.#issuerActive(check.claims.issuerKeyId))) return { ok: false, reason: 'revoked' };
    return { ok: true, tenantId: check.claims.tenantId, expiresAt: check.claims.expiresAt };
  }

  async #issuerActive(issuerKeyId: string | undefined): Promise<boolean> {
    return issuerKeyId === undefined || (await this.#options.isIssuerActive(issuerKeyId));
  }
}

function failureOf(check: Extract<PortalTokenCheck, { ok: false }>): 'expired' | 'invalid' {
  return check.reason === 'expired' ? 'expired' : 'invalid';
}
