import type { CryptoBackend, HmacKey } from './backend.js';

const MAX_CACHED_KEYS = 1024;

/**
 * Importing a key (and base64-decoding a whsec_ secret) costs more than the HMAC itself on Web Crypto,
 * and a sender signs thousands of requests with the same few secrets. Bounded so a multi-tenant
 * receiver with many endpoint secrets cannot grow memory without limit; oldest entries go first.
 */
export class HmacKeyCache {
  readonly #keys = new Map<string, Promise<HmacKey>>();
  readonly #backend: CryptoBackend;

  constructor(backend: CryptoBackend) {
    this.#backend = backend;
  }

  get(cacheKey: string, deriveKeyBytes: () => Uint8Array<ArrayBuffer>): Promise<HmacKey> {
    const cached = this.#keys.get(cacheKey);
    if (cached) return cached;
    // deriveKeyBytes may throw (invalid secret); that happens before anything is cached.
    const imported = this.#backend.importHmacKey(deriveKeyBytes());
    imported.catch(() => this.#keys.delete(cacheKey));
    if (this.#keys.size >= MAX_CACHED_KEYS) {
      const oldest = this.#keys.keys().next().value;
      if (oldest !== undefined) this.#keys.delete(oldest);
    }
    this.#keys.set(cacheKey, imported);
    return imported;
  }

  get size(): number {
    return this.#keys.size;
  }
}
