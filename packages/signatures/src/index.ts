// `#crypto` resolves to node:crypto under the "node" condition and to Web Crypto everywhere else
// (package.json "imports"), so browser/worker bundles never see a `node:` import.
import { cryptoBackend } from '#crypto';
import { createSignatureApi } from './api.js';

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

/** Which implementation `#crypto` selected in this runtime: 'node' (node:crypto) or 'web' (Web Crypto). */
export const cryptoBackendName = cryptoBackend.name;
