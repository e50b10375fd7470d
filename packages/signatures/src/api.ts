import type { CryptoBackend } from './crypto/backend.js';
import { createSignRequest } from './request/sign-request.js';
import { createVerifyRequest } from './request/verify-request.js';
import { createSchemes } from './schemes/create-schemes.js';

/**
 * Binds every scheme to one crypto backend. index.ts binds the condition-selected backend (`#crypto`),
 * web.ts binds Web Crypto explicitly; both expose exactly this surface.
 */
export function createSignatureApi(crypto: CryptoBackend) {
  const schemes = createSchemes(crypto);
  return {
    signRequest: createSignRequest(schemes),
    verifyRequest: createVerifyRequest(schemes),
    ...schemes,
  };
}

export type SignatureApi = ReturnType<typeof createSignatureApi>;
