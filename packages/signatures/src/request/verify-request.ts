import { assertRawBody } from '../input/body.js';
import type { SchemeImplementations } from '../schemes/create-schemes.js';
import type { VerifiedRequest, VerifyRequestInput } from '../types.js';
import { assertSchemeConfig } from './scheme-config.js';

export function createVerifyRequest(schemes: SchemeImplementations) {
  /**
   * Verifies an incoming delivery or throws SignatureError. The raw body is required for every scheme, even
   * those that do not sign it, so one receiver code path works whichever scheme an endpoint switches to.
   */
  return async function verifyRequest(input: VerifyRequestInput): Promise<VerifiedRequest> {
    const { scheme, headers, body, secrets } = input;
    assertSchemeConfig(scheme);
    assertRawBody(body);
    switch (scheme.scheme) {
      case 'standard-webhooks':
        return schemes.verifyStandardWebhook(input);
      case 'hmac-sha256-hex':
        return schemes.verifyHmacHex({ ...scheme, headers, body, secrets });
      case 'token-hash':
        return schemes.verifyTokenHash({ ...scheme, headers, secrets });
      case 'header-auth':
        return schemes.verifyHeaderAuth({ headers, authHeaders: scheme.headers });
    }
  };
}
