import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { CryptoBackend, HmacKey } from './backend.js';

export const cryptoBackend: CryptoBackend = {
  name: 'node',
  async importHmacKey(keyBytes) {
    return createSecretKey(keyBytes) as unknown as HmacKey;
  },
  async hmacSha256(key, data) {
    return createHmac('sha256', key as unknown as KeyObject)
      .update(data)
      .digest();
  },
  async sha256(data) {
    return createHash('sha256').update(data).digest();
  },
};
