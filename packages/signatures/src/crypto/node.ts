import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { CryptoBackend, HmacKey, SyncHmac } from './backend.js';

const sync: SyncHmac = {
  importHmacKey(keyBytes) {
    return createSecretKey(keyBytes) as unknown as HmacKey;
  },
  hmacSha256Base64(key, parts) {
    const hmac = createHmac('sha256', key as unknown as KeyObject);
    // update(string) encodes UTF-8 straight into the hash, with no intermediate buffer.
    for (const part of parts) hmac.update(part);
    return hmac.digest('base64');
  },
};

export const cryptoBackend: CryptoBackend = {
  name: 'node',
  async importHmacKey(keyBytes) {
    return sync.importHmacKey(keyBytes);
  },
  async hmacSha256(key, data) {
    return createHmac('sha256', key as unknown as KeyObject)
      .update(data)
      .digest();
  },
  async sha256(data) {
    return createHash('sha256').update(data).digest();
  },
  sync,
};
