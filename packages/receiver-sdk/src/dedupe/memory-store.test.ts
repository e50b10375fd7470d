import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from './memory-store.js';

describe('createMemoryDedupeStore', () => {
  it('remembers an id until its TTL runs out', () => {
    let clock = 1_000_000;
    const store = createMemoryDedupeStore({ now: () => clock });
    store.add('msg_1', 60);
    expect(store.has('msg_1')).toBe(true);
    expect(store.has('msg_2')).toBe(false);
    clock += 59_999;
    expect(store.has('msg_1')).toBe(true);
    clock += 1;
    expect(store.has('msg_1')).toBe(false);
  });

  it('drops the least recently seen id when full', () => {
    const store = createMemoryDedupeStore({ maxEntries: 2 });
    store.add('a', 60);
    store.add('b', 60);
    expect(store.has('a')).toBe(true); // touching `a` makes `b` the oldest
    store.add('c', 60);
    expect(store.has('b')).toBe(false);
    expect(store.has('a')).toBe(true);
    expect(store.has('c')).toBe(true);
  });

  it('rejects a nonsensical size', () => {
    expect(() => createMemoryDedupeStore({ maxEntries: 0 })).toThrow(/maxEntries must be a positive integer/);
  });
});
