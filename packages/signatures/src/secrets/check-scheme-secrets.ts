import { SignatureError } from '../errors.js';
import { assertSchemeConfig } from '../request/scheme-config.js';
import { normalizeAuthHeaders } from '../schemes/header-auth.js';
import { hmacHexHeaderNames } from '../schemes/hmac-hex.js';
import { decodeStandardWebhookSecret } from '../schemes/standard-webhooks.js';
import { tokenHashHeaderNames } from '../schemes/token-hash.js';
import type { SchemeConfig } from '../types.js';

/**
 * Checks a scheme's configuration and secrets the way signing and verifying will use them, so a
 * bad one fails at start-up instead of on every request: the scheme name and its header-name
 * options, Standard Webhooks secrets that must decode (`whsec_` + base64, no stray newline), HMAC
 * and token secrets without surrounding whitespace (a newline left from an env file would make
 * every signature differ), and header-auth's headers. Throws a TypeError for the configuration, or
 * a {@link SignatureError} (`invalid_secret` / `no_secret`) naming the secret's index or the
 * header, never its value.
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
      refuseSurroundingWhitespace(secrets);
      return;
    case 'token-hash':
      tokenHashHeaderNames(scheme);
      refuseSurroundingWhitespace(secrets);
      return;
  }
}

function refuseSurroundingWhitespace(secrets: readonly string[]): void {
  secrets.forEach((secret, index) => {
    if (typeof secret === 'string' && secret.trim() !== secret) {
      throw new SignatureError(
        'invalid_secret',
        `secrets[${index}] begins or ends with whitespace (a newline left from an env file?): remove it, the other side uses the secret exactly as configured`,
      );
    }
  });
}
