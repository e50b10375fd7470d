import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `link`: the magic link (minutes, single use); `session`: what the opened page calls the API with. */
export type PortalTokenPurpose = 'link' | 'session';

export interface PortalTokenClaims {
  purpose: PortalTokenPurpose;
  tenantId: string;
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
  /** Random, so two tokens are never equal and a link can be used once. */
  nonce: string;
  /**
   * The stored API key that asked for the link (a session inherits it from its link): revoking the
   * key ends both. Absent for links the operator made in-process or with the bootstrap admin key.
   */
  issuerKeyId?: string;
}

export type PortalTokenCheck =
  | { ok: true; claims: PortalTokenClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired' };

const VERSION = 'pt1';
const MAX_TOKEN_LENGTH = 2048;

/**
 * `pt1.<claims as base64url JSON>.<HMAC-SHA256 base64url>`: self-contained, so any sender process
 * sharing the encryption key can check it without a session table.
 */
export function signPortalToken(
  key: Buffer,
  claims: Omit<PortalTokenClaims, 'nonce'> & { nonce?: string },
): string {
  const body: PortalTokenClaims = { ...claims, nonce: claims.nonce ?? randomBytes(16).toString('base64url') };
  const payload = Buffer.from(
    JSON.stringify({
      p: body.purpose,
      t: body.tenantId,
      e: body.expiresAt,
      n: body.nonce,
      k: body.issuerKeyId,
    }),
  ).toString('base64url');
  return `${VERSION}.${payload}.${mac(key, payload)}`;
}

/** Checks the signature first (constant time), then the purpose and the expiry. */
export function verifyPortalToken(
  key: Buffer,
  token: string,
  purpose: PortalTokenPurpose,
  now: number,
): PortalTokenCheck {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  const [version, payload = '', signature = ''] = parts;
  if (parts.length !== 3 || version !== VERSION || !/^[A-Za-z0-9_-]+$/.test(payload)) {
    return { ok: false, reason: 'malformed' };
  }
  // Compared as text, so the only accepted encoding is the canonical one (no padding-bit variants).
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.purpose !== purpose) return { ok: false, reason: 'wrong_purpose' };
  if (now >= claims.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key)
    .update(`taskhooks/portal/${VERSION}\0`)
    .update(payload)
    .digest('base64url');
}

function parseClaims(payload: string): PortalTokenClaims | null {
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { p, t, e, n, k } = raw;
    if ((p !== 'link' && p !== 'session') || typeof t !== 'string' || t === '') return null;
    if (typeof e !== 'number' || !Number.isFinite(e) || typeof n !== 'string') return null;
    if (k !== undefined && (typeof k !== 'string' || k === '')) return null;
    return {
      purpose: p,
      tenantId: t,
      expiresAt: e,
      nonce: n,
      ...(k === undefined ? {} : { issuerKeyId: k }),
    };
  } catch {
    return null;
  }
}
