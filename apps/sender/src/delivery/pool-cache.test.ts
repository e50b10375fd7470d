import { afterEach, describe, expect, it } from 'vitest';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { PoolCache } from './pool-cache.js';

const receivers: TestReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('PoolCache', () => {
  it('keeps one pool per origin and closes pools idle for longer than idleMs', async () => {
    let now = 0;
    const cache = new PoolCache({
      idleMs: 1000,
      connectionsPerOrigin: 4,
      keepAliveTimeoutMs: 10_000,
      now: () => now,
    });
    const a = await startTestReceiver((_req, res) => res.writeHead(200).end());
    const b = await startTestReceiver((_req, res) => res.writeHead(200).end());
    receivers.push(a, b);
    const get = (origin: string) =>
      cache.with(origin, async (pool) => {
        const res = await pool.request({ path: '/', method: 'GET' });
        await res.body.dump();
        return pool;
      });
    try {
      const first = await get(a.origin);
      expect(await get(a.origin)).toBe(first);
      now = 600;
      await get(b.origin);
      expect(cache.size).toBe(2);

      now = 1000; // a idle for 1000 ms, b for 400 ms
      expect(await cache.evictIdle()).toBe(1);
      expect(cache.size).toBe(1);
      expect(first.closed).toBe(true);
      expect(await get(a.origin)).not.toBe(first);
    } finally {
      await cache.close();
    }
    expect(cache.size).toBe(0);
  });

  it('never evicts a pool with a request in flight', async () => {
    let now = 0;
    const cache = new PoolCache({
      idleMs: 10,
      connectionsPerOrigin: 1,
      keepAliveTimeoutMs: 1000,
      now: () => now,
    });
    try {
      let evicted = -1;
      await cache.with('http://127.0.0.1:9', async () => {
        now = 10_000;
        evicted = await cache.evictIdle();
      });
      expect(evicted).toBe(0);
      expect(cache.size).toBe(1);
    } finally {
      await cache.close();
    }
  });
});
