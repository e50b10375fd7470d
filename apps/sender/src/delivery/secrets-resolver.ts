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
 * Reads the interim plain-JSON format `{"secrets":[…],"headers":{…}}`. Errors say which field is
 * wrong but never quote the content.
 */
export const plainJsonSecretsResolver: SecretsResolver = async (endpoint) =>
  parsePlainSecrets(endpoint.id, endpoint.secretsSealed);

export function parsePlainSecrets(endpointId: string, sealed: string): ResolvedSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(sealed);
  } catch {
    throw new SecretsFormatError(endpointId, 'not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SecretsFormatError(endpointId, 'expected an object {"secrets":[…],"headers":{…}}');
  }
  const { secrets = [], headers = {} } = parsed as { secrets?: unknown; headers?: unknown };
  if (!Array.isArray(secrets) || !secrets.every((s) => typeof s === 'string')) {
    throw new SecretsFormatError(endpointId, '"secrets" must be an array of strings');
  }
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new SecretsFormatError(endpointId, '"headers" must be an object of header name to string value');
  }
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') {
      throw new SecretsFormatError(endpointId, `"headers.${name}" must be a string`);
    }
  }
  return { secrets: [...secrets], headers: { ...(headers as Record<string, string>) } };
}
