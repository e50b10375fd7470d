import type { SchemeImplementations } from '../schemes/create-schemes.js';
import type { SignedHeaders, SignRequestInput } from '../types.js';
import { assertSchemeConfig } from './scheme-config.js';

export function createSignRequest(schemes: SchemeImplementations) {
  /** Headers (lower-case names) to add to an outgoing delivery, for whichever scheme the endpoint uses. */
  return async function signRequest(input: SignRequestInput): Promise<SignedHeaders> {
    const { scheme } = input;
    assertSchemeConfig(scheme);
    switch (scheme.scheme) {
      case 'standard-webhooks':
        return schemes.signStandardWebhook(input);
      case 'hmac-sha256-hex':
        return schemes.signHmacHex({
          ...scheme,
          event: input.event,
          body: input.body,
          secrets: input.secrets,
        });
      case 'token-hash':
        return schemes.signTokenHash({ ...scheme, event: input.event, secrets: input.secrets });
      case 'header-auth':
        return schemes.signHeaderAuth({ authHeaders: scheme.headers });
    }
  };
}
