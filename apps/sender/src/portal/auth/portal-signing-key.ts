import { hkdfSync } from 'node:crypto';

const INFO = 'taskhooks/portal-token/v1';

/**
 * The HMAC key of portal links and sessions, derived (HKDF-SHA256) from the current encryption key
 * (TASKHOOKS_ENCRYPTION_KEY or the development key file) so there is no second key to store or
 * rotate. The label separates it from every other use of that key: a portal token can never be
 * confused with a sealed secret. Rotating the encryption key ends every open link and session,
 * which is fine for credentials that live minutes.
 */
export function derivePortalSigningKey(encryptionKey: Buffer): Buffer {
  if (encryptionKey.length < 32)
    throw new TypeError('portal signing key: the encryption key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), INFO, 32));
}
