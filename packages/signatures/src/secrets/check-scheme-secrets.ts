import { normalizeAuthHeaders } from '../schemes/header-auth.js';
import { decodeStandardWebhookSecret } from '../schemes/standard-webhooks.js';
import type { SchemeConfig } from '../types.js';

/**
 * Checks a scheme's configured secrets the way signing and verifying will use them, so a bad one
 * fails at start-up instead of on every request: Standard Webhooks secrets must decode
 * (`whsec_` + base64, no stray newline), header-auth needs at least one non-empty header.
 * Throws {@link SignatureError} (`invalid_secret` / `no_secret`) naming the secret's index or the
 * header, never its value.
 */
export function checkSchemeSecrets(scheme: SchemeConfig, secrets: readonly string[]): void {
  if (scheme.scheme === 'header-auth') {
    normalizeAuthHeaders(scheme.headers);
    return;
  }
  if (scheme.scheme === 'standard-webhooks') {
    secrets.forEach((secret, index) => {
      decodeStandardWebhookSecret(secret, index);
    });
  }
}
