import { createHash } from 'node:crypto';
import {
  type EndpointSecrets,
  parseSecretsRecord,
  type ResolvedSecrets,
  SecretsFormatError,
  SecretsKeyMissingError,
  type SecretsResolver,
} from '../delivery/secrets-resolver.js';
import { type SecretBox, SecretBoxError } from '../security/secret-box.js';

/** The AAD context of an endpoint's secrets: a sealed value only opens on the endpoint it was sealed for. */
export function endpointSecretsContext(endpointId: string): string {
  return `endpoint:${endpointId}:secrets`;
}

/** Records written before encryption existed are plain JSON; sealed ones start with `v1.`. */
export function isLegacyPlainJson(stored: string): boolean {
  return stored.trimStart().startsWith('{');
}

export function sealSecrets(box: SecretBox, endpointId: string, secrets: EndpointSecrets): string {
  const plain = JSON.stringify({
    secrets: secrets.secrets.map((s) => (s.expiresAt === undefined ? { value: s.value } : s)),
    headers: secrets.headers,
  });
  parseSecretsRecord(endpointId, plain); // never seal what could not be opened again
  return box.seal(plain, endpointSecretsContext(endpointId));
}

export interface OpenSecretsOptions {
  /** Read records stored before encryption existed (plain JSON) instead of refusing them. */
  acceptLegacyPlainJson?: boolean;
}

/** Opens an endpoint's secrets; errors name the endpoint and the reason, never the content. */
export function openSecrets(
  box: SecretBox,
  endpointId: string,
  sealed: string,
  options: OpenSecretsOptions = {},
): EndpointSecrets {
  if (isLegacyPlainJson(sealed)) {
    if (!options.acceptLegacyPlainJson) {
      throw new SecretsFormatError(endpointId, 'stored unencrypted (legacy plain JSON); re-seal it');
    }
    return parseSecretsRecord(endpointId, sealed);
  }
  let plain: string;
  try {
    plain = box.open(sealed, endpointSecretsContext(endpointId));
  } catch (error) {
    if (error instanceof SecretBoxError) {
      throw error.reason === 'unknown_key'
        ? new SecretsKeyMissingError(endpointId, error.message)
        : new SecretsFormatError(endpointId, error.message);
    }
    throw error;
  }
  return parseSecretsRecord(endpointId, plain);
}

/** The secrets that still sign at `now`, current first; expired overlap secrets are dropped. */
export function activeSecrets(secrets: EndpointSecrets, now: number): EndpointSecrets {
  return {
    secrets: secrets.secrets.filter((s) => s.expiresAt === undefined || s.expiresAt > now),
    headers: secrets.headers,
  };
}

/**
 * A new current secret; the previous active ones keep signing until `now + overlapMs` (or their own
 * earlier expiry). An overlap of 0 drops them at once.
 */
export function rotateSecrets(
  secrets: EndpointSecrets,
  newSecret: string,
  now: number,
  overlapMs: number,
): EndpointSecrets {
  const until = now + overlapMs;
  const previous =
    overlapMs <= 0
      ? []
      : activeSecrets(secrets, now).secrets.map((s) => ({
          value: s.value,
          expiresAt: Math.min(s.expiresAt ?? until, until),
        }));
  return { secrets: [{ value: newSecret }, ...previous], headers: secrets.headers };
}

/**
 * A non-secret fingerprint to tell secrets apart in API answers: a receiver can compute it from its
 * copy (`sha256(secret)`, first 8 hex) to check which one it holds. 32 bits say nothing usable
 * about a 256-bit random secret.
 */
export function secretHint(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8)}`;
}

export interface RotatingSecretsResolverOptions extends OpenSecretsOptions {
  /** Decides which overlap secrets have expired (the app's clock, injectable in tests). */
  now: () => number;
}

/** The worker's SecretsResolver: opens the sealed record and signs with every unexpired secret. */
export function createRotatingSecretsResolver(
  box: SecretBox,
  options: RotatingSecretsResolverOptions,
): SecretsResolver {
  return async (endpoint): Promise<ResolvedSecrets> => {
    const opened = activeSecrets(
      openSecrets(box, endpoint.id, endpoint.secretsSealed, options),
      options.now(),
    );
    return { secrets: opened.secrets.map((s) => s.value), headers: { ...opened.headers } };
  };
}

export type { EndpointSecrets, SecretEntry } from '../delivery/secrets-resolver.js';
