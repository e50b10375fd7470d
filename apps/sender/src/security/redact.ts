import { REDACTED, redactHeaders, type SchemeConfig } from '@taskhooks/signatures';
import type { StoredScheme } from '../store/types.js';

export { REDACTED };

export interface LogSafeHeadersOptions {
  /** The endpoint's scheme, when known: its (possibly renamed) signature/token header is redacted. */
  scheme?: StoredScheme;
  /** The endpoint's custom header names: every one of their values is treated as secret. */
  customHeaderNames?: Iterable<string>;
}

export type AnyHeaders = Record<string, string | string[] | number | undefined>;

// Names that carry credentials by convention, whatever the scheme (x-refresh-token, x-api-key, …).
const SECRET_NAME = /auth|token|secret|signature|api[-_]?key|passw(or)?d|session|cookie|credential/i;

// Without a known scheme, every scheme's default signature header counts as secret.
const ALL_DEFAULT_SCHEMES: SchemeConfig[] = [
  { scheme: 'standard-webhooks' },
  { scheme: 'hmac-sha256-hex' },
  { scheme: 'token-hash' },
];

/**
 * Turns any header map (outgoing request, incoming API request, endpoint config) into one safe to
 * log or store: signature and token headers (via @taskhooks/signatures' `redactHeaders`),
 * credential-looking names and all custom header values become "[redacted]".
 */
export function toLogSafeHeaders(
  headers: AnyHeaders,
  options: LogSafeHeadersOptions = {},
): Record<string, string> {
  let flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  const schemes = options.scheme ? [toSchemeConfig(options.scheme)] : ALL_DEFAULT_SCHEMES;
  for (const scheme of schemes) flat = redactHeaders(flat, scheme);

  const custom = new Set([...(options.customHeaderNames ?? [])].map((name) => name.toLowerCase()));
  for (const name of Object.keys(flat)) {
    if (custom.has(name.toLowerCase()) || SECRET_NAME.test(name)) flat[name] = REDACTED;
  }
  return flat;
}

function toSchemeConfig(scheme: StoredScheme): SchemeConfig {
  // Header-auth values are custom headers: the caller lists them in customHeaderNames.
  return scheme.scheme === 'header-auth' ? { scheme: 'header-auth', headers: {} } : scheme;
}
