import { HMAC_HEX_DEFAULT_HEADERS } from '../schemes/hmac-hex.js';
import { STANDARD_WEBHOOK_HEADERS } from '../schemes/standard-webhooks.js';
import { TOKEN_HASH_DEFAULT_HEADERS } from '../schemes/token-hash.js';
import type { SchemeConfig } from '../types.js';

export const REDACTED = '[redacted]';

// Credentials that must never reach a delivery log whatever the scheme says (e.g. copied from a template).
const ALWAYS_REDACTED = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'];

function credentialHeaderNames(scheme: SchemeConfig): string[] {
  switch (scheme.scheme) {
    case 'standard-webhooks':
      return [STANDARD_WEBHOOK_HEADERS.signature];
    case 'hmac-sha256-hex':
      return [scheme.signatureHeader ?? HMAC_HEX_DEFAULT_HEADERS.signature];
    case 'token-hash':
      return [scheme.tokenHashHeader ?? TOKEN_HASH_DEFAULT_HEADERS.tokenHash];
    case 'header-auth':
      return Object.keys(scheme.headers ?? {});
    default:
      return [];
  }
}

/** A copy safe for delivery logs: signature, token and auth header values become "[redacted]". */
export function redactHeaders(headers: Record<string, string>, scheme: SchemeConfig): Record<string, string> {
  const sensitive = new Set(
    [...ALWAYS_REDACTED, ...credentialHeaderNames(scheme)].map((name) => name.toLowerCase()),
  );
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    redacted[name] = sensitive.has(name.toLowerCase()) ? REDACTED : value;
  }
  return redacted;
}
