import type { CryptoBackend, HmacKey } from './backend.js';

const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;

function subtleCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error(
      'Web Crypto is unavailable (globalThis.crypto.subtle is undefined): run on Node >= 20, a modern browser or a worker runtime, and in browsers serve the page over HTTPS.',
    );
  }
  return subtle;
}

// Web Crypto rejects views over SharedArrayBuffer; copying keeps such bodies verifiable.
function unsharedView(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
}

export const cryptoBackend: CryptoBackend = {
  name: 'web',
  async importHmacKey(keyBytes) {
    const key = await subtleCrypto().importKey('raw', keyBytes, HMAC_SHA256, false, ['sign']);
    return key as unknown as HmacKey;
  },
  async hmacSha256(key, data) {
    const signature = await subtleCrypto().sign('HMAC', key as unknown as CryptoKey, unsharedView(data));
    return new Uint8Array(signature);
  },
  async sha256(data) {
    return new Uint8Array(await subtleCrypto().digest('SHA-256', unsharedView(data)));
  },
};
