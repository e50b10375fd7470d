import { decodeStandardWebhookSecret, isSignatureError } from '@taskhooks/signatures';
import { SenderError } from '../../errors/sender-errors.js';
import type { StoredScheme } from '../../store/types.js';

// Standard Webhooks recommends 24–64 byte keys; below that an HMAC key is guessable, above it pointless.
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/**
 * A caller-chosen signing secret (endpoints.create `secret`), checked against the scheme's shape:
 * `whsec_` + base64 of 24–64 bytes for standard-webhooks; the input schema already bounds the
 * length and alphabet for the others. Errors never quote the secret.
 */
export function checkProvidedSecret(secret: string, scheme: StoredScheme): string {
  const refuse = (message: string) =>
    new SenderError('invalid_request', `secret: ${message}`, [
      { path: 'secret', code: 'invalid_secret', message },
    ]);
  if (scheme.scheme === 'header-auth') {
    throw refuse('header-auth endpoints have no signing secret; their headers authenticate');
  }
  if (scheme.scheme !== 'standard-webhooks') return secret;
  if (!secret.startsWith('whsec_')) throw refuse('a standard-webhooks secret starts with "whsec_"');
  let key: Uint8Array;
  try {
    key = decodeStandardWebhookSecret(secret);
  } catch (error) {
    if (isSignatureError(error)) throw refuse('expected "whsec_" followed by base64');
    throw error;
  }
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw refuse(`the key must decode to ${MIN_KEY_BYTES}–${MAX_KEY_BYTES} bytes, got ${key.length}`);
  }
  return secret;
}
