import type { Endpoint } from '../store/types.js';

/** What an endpoint's sealed secrets open to. */
export interface ResolvedSecrets {
  /** Signing secrets / tokens, current first (all of them sign during rotation where the scheme allows). */
  secrets: string[];
  /** Custom headers (auth headers for the header-auth scheme); every value is treated as secret. */
  headers: Record<string, string>;
}

/** Opens `endpoint.secretsSealed`. Issue 5 plugs decryption in here; the worker only sees this function. */
export type SecretsResolver = (endpoint: Endpoint) => Promise<ResolvedSecrets>;

export class SecretsFormatError extends Error {
  constructor(endpointId: string, problem: string) {
    super(`secrets of endpoint ${endpointId} are unreadable: ${problem}`);
    this.name = 'SecretsFormatError';
  }
}

/**
 * The secrets were sealed with a key this process is not configured with: intact, and readable by
 * any process that has the key (another sender on the same database, or this one restarted with
 * the key), so a delivery is put off rather than failed.
 */
export class SecretsKeyMissingError extends SecretsFormatError {
  constructor(endpointId: string, problem: string) {
    super(endpointId, problem);
    this.name = 'SecretsKeyMissingError';
  }
}

/**
 * Reads the interim plain-JSON format `{"secrets":[…],"headers":{…}}`. Errors say which field is
 * wrong but never quote the content.
 */
export const plainJsonSecretsResolver: SecretsResolver = async (endpoint) =>
  parsePlainSecrets(endpoint.id, endpoint.secretsSealed);

/** Reads a plain record (tests, and records written before encryption): every secret signs. */
export function parsePlainSecrets(endpointId: string, plain: string): ResolvedSecrets {
  const record = parseSecretsRecord(endpointId, plain);
  return { secrets: record.secrets.map((s) => s.value), headers: record.headers };
}

/** One signing secret / token; `expiresAt` is set on the previous secret while a rotation overlaps. */
export interface SecretEntry {
  value: string;
  expiresAt?: number;
}

/**
 * What `Endpoint.secretsSealed` opens to: every secret (current first) and the custom headers.
 * Plain strings in `secrets` (the interim plain-JSON format) read as never-expiring.
 */
export interface EndpointSecrets {
  secrets: SecretEntry[];
  headers: Record<string, string>;
}

/**
 * The one parser of the secrets record format, `{"secrets":[string | {"value","expiresAt"?}],"headers":{…}}`.
 * Errors say which field is wrong but never quote the content.
 */
export function parseSecretsRecord(endpointId: string, plain: string): EndpointSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    throw new SecretsFormatError(endpointId, 'not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SecretsFormatError(endpointId, 'expected an object {"secrets":[…],"headers":{…}}');
  }
  const { secrets = [], headers = {} } = parsed as { secrets?: unknown; headers?: unknown };
  if (!Array.isArray(secrets)) throw new SecretsFormatError(endpointId, '"secrets" must be an array');
  const entries = secrets.map((entry, i): SecretEntry => {
    if (typeof entry === 'string') return { value: entry };
    const { value, expiresAt } = (entry ?? {}) as { value?: unknown; expiresAt?: unknown };
    if (typeof value !== 'string') {
      throw new SecretsFormatError(endpointId, `"secrets[${i}]" must be a string or {"value": string}`);
    }
    if (expiresAt !== undefined && !Number.isSafeInteger(expiresAt)) {
      throw new SecretsFormatError(endpointId, `"secrets[${i}].expiresAt" must be epoch milliseconds`);
    }
    return expiresAt === undefined ? { value } : { value, expiresAt: expiresAt as number };
  });
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new SecretsFormatError(endpointId, '"headers" must be an object of header name to string value');
  }
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string')
      throw new SecretsFormatError(endpointId, `"headers.${name}" must be a string`);
  }
  return { secrets: entries, headers: { ...(headers as Record<string, string>) } };
}
