import { decodeStandardWebhookSecret, isSignatureError, type SchemeName } from '@taskhooks/signatures';

// Standard Webhooks recommends 24–64 byte keys; below that an HMAC key is guessable, above it pointless.
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/**
 * What is wrong with a caller-chosen signing secret for `scheme`, or null if it can sign: a
 * standard-webhooks secret is `whsec_` + base64 of 24–64 bytes (a plain string would be signed
 * with its base64-decoded bytes, or not at all); header-auth endpoints have none. The answer
 * never quotes the secret. Shared by endpoints.create and the WEBHOOK_SECRET of env-only mode.
 */
export function signingSecretProblem(secret: string, scheme: SchemeName): string | null {
  if (scheme === 'header-auth')
    return 'header-auth endpoints have no signing secret; their headers authenticate';
  if (scheme !== 'standard-webhooks') return null;
  if (!secret.startsWith('whsec_')) return 'a standard-webhooks secret starts with "whsec_"';
  let key: Uint8Array;
  try {
    key = decodeStandardWebhookSecret(secret);
  } catch (error) {
    if (isSignatureError(error)) return 'expected "whsec_" followed by base64';
    throw error;
  }
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    return `the key must decode to ${MIN_KEY_BYTES}–${MAX_KEY_BYTES} bytes, got ${key.length}`;
  }
  return null;
}
