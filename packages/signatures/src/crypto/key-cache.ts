import type { CryptoBackend, HmacKey, SyncHmac } from './backend.js';

const MAX_CACHED_KEYS = 1024;

/**
 * Importing a key (and base64-decoding a whsec_ secret) costs more than the HMAC itself on Web Crypto,
 * and a sender signs thousands of requests with the same few secrets. Bounded so a multi-tenant
 * receiver with many endpoint secrets cannot grow memory without limit; oldest entries go first.
 */
export class HmacKeyCache {
  readonly #keys = new Map<string, Promise<HmacKey>>();
  // Keys a synchronous backend imported, kept beside their promise so the sync path never awaits.
  readonly #ready = new Map<string, HmacKey>();
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
    this.#store(cacheKey, imported);
    return imported;
  }

  /** The same cache for a backend with a synchronous import: no promise on the hot path. */
  getSync(sync: SyncHmac, cacheKey: string, deriveKeyBytes: () => Uint8Array<ArrayBuffer>): HmacKey {
    const ready = this.#ready.get(cacheKey);
    if (ready !== undefined) return ready;
    const key = sync.importHmacKey(deriveKeyBytes());
    this.#store(cacheKey, Promise.resolve(key));
    this.#ready.set(cacheKey, key);
    return key;
  }

  #store(cacheKey: string, imported: Promise<HmacKey>): void {
    if (!this.#keys.has(cacheKey) && this.#keys.size >= MAX_CACHED_KEYS) {
      const oldest = this.#keys.keys().next().value;
      if (oldest !== undefined) {
        this.#keys.delete(oldest);
        this.#ready.delete(oldest);
      }
    }
    this.#keys.set(cacheKey, imported);
  }

  get size(): number {
    return this.#keys.size;
  }
}
