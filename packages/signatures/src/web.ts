// The same API pinned to Web Crypto, for runtimes that match the "node" condition but should not use
// node:crypto, and to test the Web Crypto path on Node. Must never import `node:` modules.
import { createSignatureApi } from './api.js';
import { cryptoBackend } from './crypto/web.js';

export * from './public-surface.js';

const api = createSignatureApi(cryptoBackend);

export const {
  signRequest,
  verifyRequest,
  signStandardWebhook,
  verifyStandardWebhook,
  signHmacHex,
  verifyHmacHex,
  signTokenHash,
  verifyTokenHash,
  signHeaderAuth,
  verifyHeaderAuth,
} = api;

export const cryptoBackendName = cryptoBackend.name;
