import type { SchemeConfig, SchemeName } from '../types.js';

export const SCHEME_NAMES: readonly SchemeName[] = [
  'standard-webhooks',
  'hmac-sha256-hex',
  'token-hash',
  'header-auth',
];

export function assertSchemeConfig(scheme: unknown): asserts scheme is SchemeConfig {
  const name = (scheme as { scheme?: unknown } | null | undefined)?.scheme;
  if (!SCHEME_NAMES.includes(name as SchemeName)) {
    throw new TypeError(
      `scheme must be an object like { scheme: 'standard-webhooks' } with scheme one of ${SCHEME_NAMES.join(', ')}; got ${JSON.stringify(name ?? scheme)}.`,
    );
  }
}
