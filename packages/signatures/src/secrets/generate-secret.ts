import { bytesToBase64, bytesToBase64Url } from '../encoding/base64.js';
import { STANDARD_WEBHOOK_SECRET_PREFIX } from '../schemes/standard-webhooks.js';
import type { SchemeName } from '../types.js';

// 32 bytes = the HMAC-SHA256 block-size sweet spot and inside Standard Webhooks' recommended 24–64 bytes.
const SECRET_BYTES = 32;

/** `whsec_<base64>` for Standard Webhooks; a URL-safe random token for every other scheme. */
export function generateSecret(scheme: SchemeName = 'standard-webhooks'): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  return scheme === 'standard-webhooks'
    ? `${STANDARD_WEBHOOK_SECRET_PREFIX}${bytesToBase64(bytes)}`
    : bytesToBase64Url(bytes);
}
