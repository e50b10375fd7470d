import { readAdminKey } from '../../auth/admin-key.js';
import { CliError, ExitCode, usageError } from '../exit-codes.js';

export const DEFAULT_PORT = 8787;
export const DEFAULT_TENANT = 'default';

export interface ApiTarget {
  /** Base URL of the sender, without a trailing slash. */
  url: string;
  apiKey: string;
  /** Where the key came from (for error messages: never the key itself). */
  keySource: string;
  /** The tenant to act on; undefined with a tenant key and no --tenant (the key's own tenant). */
  tenantId: string | undefined;
}

export interface ApiTargetOptions {
  'api-url'?: string;
  'api-key'?: string;
  tenant?: string;
}

/**
 * Which sender to talk to and as whom: flags, then TASKHOOKS_API_URL / TASKHOOKS_API_KEY, then —
 * for a sender on this machine only — the operator key of a local `taskhooks serve`
 * (TASKHOOKS_ADMIN_KEY or the admin.key file in its data directory), so development needs no setup.
 */
export function resolveApiTarget(
  values: ApiTargetOptions,
  env: Record<string, string | undefined>,
): ApiTarget {
  const url = (values['api-url'] ?? env.TASKHOOKS_API_URL ?? `http://127.0.0.1:${env.PORT || DEFAULT_PORT}`)
    .trim()
    .replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`--api-url: expected an absolute http(s) URL, got "${withoutCredentials(url)}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw usageError(`--api-url: expected an http(s) URL, got "${withoutCredentials(url)}"`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // fetch refuses such URLs, and the password would be printed in every error about the sender.
    throw usageError(
      `--api-url: must not contain a user name or password, got "${withoutCredentials(url)}"; the API key goes in --api-key or TASKHOOKS_API_KEY`,
    );
  }
  const { apiKey, keySource } = resolveApiKey(values, env, isLocalHost(parsed.hostname));
  const tenantId =
    values.tenant ?? env.TASKHOOKS_TENANT ?? (apiKey.startsWith('thk_tenant_') ? undefined : DEFAULT_TENANT);
  return { url, apiKey, keySource, tenantId };
}

function resolveApiKey(
  values: ApiTargetOptions,
  env: Record<string, string | undefined>,
  local: boolean,
): { apiKey: string; keySource: string } {
  if (values['api-key']) return { apiKey: values['api-key'], keySource: '--api-key' };
  if (env.TASKHOOKS_API_KEY) return { apiKey: env.TASKHOOKS_API_KEY, keySource: 'TASKHOOKS_API_KEY' };
  const admin = local ? readAdminKey(env.TASKHOOKS_ADMIN_KEY, env.TASKHOOKS_DATA_DIR || '.taskhooks') : null;
  if (admin) return { apiKey: admin.key, keySource: admin.source };
  throw new CliError(
    local
      ? 'no API key: pass --api-key or set TASKHOOKS_API_KEY (or run from the folder where `taskhooks serve` keeps its data, or set TASKHOOKS_DATA_DIR to it, to use its admin key)'
      : 'no API key: pass --api-key or set TASKHOOKS_API_KEY',
    ExitCode.auth,
  );
}

function isLocalHost(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || hostname.startsWith('127.')
  );
}

/**
 * The URL as it may be printed: everything up to its last `@` is masked, scheme kept. A password
 * may itself hold `@`, `#` or `/`, and a URL without `scheme://` may still carry `user:password@`.
 */
function withoutCredentials(url: string): string {
  if (!url.includes('@')) return url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  return `${scheme}…${url.slice(url.lastIndexOf('@'))}`;
}
