import type { CryptoBackend } from '../crypto/backend.js';
import type { HmacKeyCache } from '../crypto/key-cache.js';

/** What every scheme implementation is built from; one per crypto backend. */
export interface SchemeContext {
  readonly crypto: CryptoBackend;
  readonly keys: HmacKeyCache;
}
