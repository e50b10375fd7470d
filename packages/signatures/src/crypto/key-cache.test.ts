import { describe, expect, it } from 'vitest';
import type { CryptoBackend } from './backend.js';
import { HmacKeyCache } from './key-cache.js';
import { cryptoBackend as nodeBackend } from './node.js';
import { cryptoBackend as webBackend } from './web.js';

function countingBackend(inner: CryptoBackend): CryptoBackend & { imports: number } {
  const counting = {
    ...inner,
    imports: 0,
    importHmacKey(bytes: Uint8Array<ArrayBuffer>) {
      counting.imports++;
      return inner.importHmacKey(bytes);
    },
  };
  return counting;
}

describe.each([nodeBackend, webBackend])('HmacKeyCache ($name backend)', (backend) => {
  it('imports (and decodes) each secret once', async () => {
    const counting = countingBackend(backend);
    const cache = new HmacKeyCache(counting);
    let derivations = 0;
    const derive = () => {
      derivations++;
      return new TextEncoder().encode('secret');
    };
    const keys = await Promise.all([cache.get('a', derive), cache.get('a', derive), cache.get('a', derive)]);
    expect(new Set(keys).size).toBe(1);
    expect([derivations, counting.imports]).toEqual([1, 1]);
    await cache.get('b', derive);
    expect(counting.imports).toBe(2);
  });

  it('stays bounded and evicts the oldest entry', async () => {
    const counting = countingBackend(backend);
    const cache = new HmacKeyCache(counting);
    const derive = () => new Uint8Array([1, 2, 3]);
    for (let index = 0; index < 1100; index++) await cache.get(`k${index}`, derive);
    expect(cache.size).toBe(1024);
    const before = counting.imports;
    await cache.get('k1099', derive);
    expect(counting.imports).toBe(before);
    await cache.get('k0', derive);
    expect(counting.imports).toBe(before + 1);
  });

  it('caches nothing when deriving the key throws', () => {
    const cache = new HmacKeyCache(backend);
    expect(() =>
      cache.get('bad', () => {
        throw new Error('invalid');
      }),
    ).toThrow('invalid');
    expect(cache.size).toBe(0);
  });
});

describe('HmacKeyCache.getSync (node backend)', () => {
  const sync = nodeBackend.sync!;

  function countingSync() {
    const counter = { imports: 0 };
    const counted = {
      ...sync,
      importHmacKey(bytes: Uint8Array<ArrayBuffer>) {
        counter.imports++;
        return sync.importHmacKey(bytes);
      },
    };
    return { counter, counted };
  }

  it('imports once and shares the key with the promise-based get', async () => {
    const { counter, counted } = countingSync();
    const cache = new HmacKeyCache(nodeBackend);
    const derive = () => new TextEncoder().encode('secret');
    const key = cache.getSync(counted, 'a', derive);
    expect(cache.getSync(counted, 'a', derive)).toBe(key);
    expect(await cache.get('a', derive)).toBe(key);
    expect([counter.imports, cache.size]).toEqual([1, 1]);
  });

  it('evicts the oldest entry from the synchronous side too', () => {
    const { counter, counted } = countingSync();
    const cache = new HmacKeyCache(nodeBackend);
    const derive = () => new Uint8Array([1, 2, 3]);
    for (let index = 0; index < 1100; index++) cache.getSync(counted, `k${index}`, derive);
    expect([cache.size, counter.imports]).toEqual([1024, 1100]);
    cache.getSync(counted, 'k1099', derive);
    expect(counter.imports).toBe(1100);
    cache.getSync(counted, 'k0', derive);
    expect([cache.size, counter.imports]).toEqual([1024, 1101]);
  });

  it('caches nothing when deriving the key throws', () => {
    const cache = new HmacKeyCache(nodeBackend);
    expect(() =>
      cache.getSync(sync, 'bad', () => {
        throw new Error('invalid');
      }),
    ).toThrow('invalid');
    expect(cache.size).toBe(0);
  });
});
