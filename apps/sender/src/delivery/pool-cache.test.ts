import { spawn } from 'node:child_process';
import { connect as openSocket, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DestinationPolicy } from '../security/destination-policy.js';
import { createGuardedConnector } from '../security/ssrf-guard.js';
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

/**
 * A port on 127.0.0.1 where a TCP connect hangs: a child process listens with a backlog of 1 and
 * then blocks its event loop, so nothing is ever accepted; once a few connections fill the
 * kernel's accept queue, further SYNs are dropped and a connect waits until someone gives up.
 */
async function unacceptedPort(use: (port: number) => Promise<void>): Promise<void> {
  const code = `const server = require('node:net').createServer();
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20000);
  process.exit(0);
});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const fillers: Socket[] = [];
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    });
    for (let i = 0; i < 4; i++) fillers.push(openSocket(port, '127.0.0.1').on('error', () => {}));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await use(port);
  } finally {
    for (const socket of fillers) socket.destroy();
    child.kill();
  }
}

async function timeConnectFailure(cache: PoolCache, port: number) {
  const started = performance.now();
  const error = await cache
    .with(`http://127.0.0.1:${port}`, (pool) => pool.request({ path: '/', method: 'GET' }))
    .then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
  return { code: error?.code, ms: performance.now() - started };
}

describe('PoolCache connect timeout', () => {
  // Bounded by undici's own 10 s default if the option were ignored; the assertions then fail.
  it("bounds the connect by connectTimeoutMs instead of undici's 10 s default", async () => {
    const cache = new PoolCache({
      idleMs: 60_000,
      connectionsPerOrigin: 1,
      keepAliveTimeoutMs: 1000,
      connectTimeoutMs: 300,
    });
    try {
      await unacceptedPort(async (port) => {
        const { code, ms } = await timeConnectFailure(cache, port);
        expect(code).toBe('UND_ERR_CONNECT_TIMEOUT');
        expect(ms).toBeGreaterThanOrEqual(250);
        expect(ms).toBeLessThan(3000);
      });
    } finally {
      await cache.close();
    }
  });

  it('hands the same bound to a custom connect hook (the SSRF guard)', async () => {
    const cache = new PoolCache({
      idleMs: 60_000,
      connectionsPerOrigin: 1,
      keepAliveTimeoutMs: 1000,
      connectTimeoutMs: 300,
      connect: createGuardedConnector({ policy: new DestinationPolicy({ mode: 'development' }) }),
    });
    try {
      await unacceptedPort(async (port) => {
        const { code, ms } = await timeConnectFailure(cache, port);
        expect(code).toBe('UND_ERR_CONNECT_TIMEOUT');
        expect(ms).toBeGreaterThanOrEqual(250);
        expect(ms).toBeLessThan(3000);
      });
    } finally {
      await cache.close();
    }
  });
});
