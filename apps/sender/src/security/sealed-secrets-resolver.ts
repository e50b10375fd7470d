import {
  parsePlainSecrets,
  type ResolvedSecrets,
  SecretsFormatError,
  type SecretsResolver,
} from '../delivery/secrets-resolver.js';
import { type SecretBox, SecretBoxError } from './secret-box.js';

/** The AAD context of an endpoint's secrets: a sealed value only opens on the endpoint it was sealed for. */
export function endpointSecretsContext(endpointId: string): string {
  return `endpoint:${endpointId}:secrets`;
}

/** Seals `{"secrets":[…],"headers":{…}}` for `Endpoint.secretsSealed`. */
export function sealEndpointSecrets(box: SecretBox, endpointId: string, secrets: ResolvedSecrets): string {
  const plain = JSON.stringify({ secrets: secrets.secrets, headers: secrets.headers });
  // Validate through the one parser the resolver uses, so nothing is sealed that cannot be opened.
  parsePlainSecrets(endpointId, plain);
  return box.seal(plain, endpointSecretsContext(endpointId));
}

/** Opens an endpoint's sealed secrets; errors name the endpoint and the reason, never the content. */
export function openEndpointSecrets(box: SecretBox, endpointId: string, sealed: string): ResolvedSecrets {
  let plain: string;
  try {
    plain = box.open(sealed, endpointSecretsContext(endpointId));
  } catch (error) {
    if (error instanceof SecretBoxError) throw new SecretsFormatError(endpointId, error.message);
    throw error;
  }
  return parsePlainSecrets(endpointId, plain);
}

export interface SealedSecretsResolverOptions {
  /**
   * Also read records still in the interim plain-JSON format (written before encryption existed),
   * so an upgrade keeps delivering until they are re-sealed. Off by default.
   */
  acceptLegacyPlainJson?: boolean;
}

/** The worker's SecretsResolver for encrypted records. */
export function createSealedSecretsResolver(
  box: SecretBox,
  options: SealedSecretsResolverOptions = {},
): SecretsResolver {
  return async (endpoint) => {
    if (isLegacyPlainJson(endpoint.secretsSealed)) {
      if (options.acceptLegacyPlainJson) return parsePlainSecrets(endpoint.id, endpoint.secretsSealed);
      throw new SecretsFormatError(endpoint.id, 'stored unencrypted (legacy plain JSON); re-seal it');
    }
    return openEndpointSecrets(box, endpoint.id, endpoint.secretsSealed);
  };
}

export function isLegacyPlainJson(stored: string): boolean {
  return stored.trimStart().startsWith('{');
}
