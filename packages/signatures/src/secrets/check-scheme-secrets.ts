import { assertSchemeConfig } from '../request/scheme-config.js';
import { normalizeAuthHeaders } from '../schemes/header-auth.js';
import { hmacHexHeaderNames } from '../schemes/hmac-hex.js';
import { decodeStandardWebhookSecret } from '../schemes/standard-webhooks.js';
import { tokenHashHeaderNames } from '../schemes/token-hash.js';
import type { SchemeConfig } from '../types.js';

/**
 * Checks a scheme's configuration and secrets the way signing and verifying will use them, so a
 * bad one fails at start-up instead of on every request: the scheme name and its header-name
 * options, Standard Webhooks secrets that must decode (`whsec_` + base64, no stray newline), and
 * header-auth's headers. HMAC and token secrets are used exactly as given, surrounding whitespace
 * included (a sender may sign with the same file's trailing newline). Throws a TypeError for the
 * configuration, or a SignatureError (`invalid_secret` / `no_secret`) naming the secret's index or
 * the header, never its value.
 */
export function checkSchemeSecrets(scheme: SchemeConfig, secrets: readonly string[]): void {
  assertSchemeConfig(scheme);
  switch (scheme.scheme) {
    case 'header-auth':
      normalizeAuthHeaders(scheme.headers);
      return;
    case 'standard-webhooks':
      secrets.forEach((secret, index) => {
        decodeStandardWebhookSecret(secret, index);
      });
      return;
    case 'hmac-sha256-hex':
      hmacHexHeaderNames(scheme);
      return;
    case 'token-hash':
      tokenHashHeaderNames(scheme);
      return;
  }
}
