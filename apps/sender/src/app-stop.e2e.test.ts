import net from 'node:net';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { createSenderApp } from './app.js';
import { loadConfig } from './config/env.js';
import { loadSeedExample } from './testing/seed-data.js';
import { openTempStore, type TempStore } from './testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from './testing/test-receiver.js';

let temp: TempStore | null = null;
let receiver: TestReceiver | null = null;
let stalled: net.Socket | null = null;
afterEach(async () => {
  stalled?.destroy();
  await receiver?.close();
  await temp?.close().catch(() => {});
  temp = receiver = stalled = null;
});

it('stop() ends claims at once: an event published while a slow client holds the HTTP drain waits, instead of being sent and cut off', async () => {
  temp = await openTempStore('sqlite');
  // Slower than the grace period: an attempt started during the drain could only be aborted.
  receiver = await startTestReceiver((_req, res) => void setTimeout(() => res.writeHead(204).end(), 3_000));
  await temp.addEndpoint(receiver.url('/slow'), { preset: 'default', model: 'plan_bound_v2' });
  // The app closes its store when it stops; this test reads the store afterwards.
  const store = new Proxy(temp.store, {
    get(target, key, receiver) {
      if (key === 'close') return async () => {};
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const app = await createSenderApp({
    config: loadConfig({ PORT: '0', TASKHOOKS_ADMIN_KEY: 'test-admin-key-0123456789abcdef' }),
    api: true,
    worker: true,
    store,
    logger: pino({ level: 'silent' }),
  });
  const { url } = await app.start();
  // A client that never sends the rest of its body holds the HTTP drain for the whole grace period.
  const { port } = new URL(url!);
  // stop() cuts it: a reset must not surface as an uncaught 'error'.
  stalled = net.connect(Number(port), '127.0.0.1').on('error', () => {});
  await new Promise((resolve) => stalled!.once('connect', resolve));
  stalled.write('POST /trpc/events.publish HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{');
  await new Promise((resolve) => setTimeout(resolve, 100));

  const stopped = app.stop({ graceMs: 1_500 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const [published] = await app.publisher.publish(temp.tenantId, [
    { model: 'plan_bound_v2', event: 'plan.failed', payload: loadSeedExample() },
  ]);
  expect(published?.deliveriesCreated).toBe(1);
  await stopped;

  // Not sent and cut off (which would send it twice): waiting, untouched, for the next claim.
  expect(receiver.requests).toHaveLength(0);
  const delivery = await temp.store.getDelivery(
    (await temp.store.listDeliveries({ tenantId: temp.tenantId })).items[0]!.id,
  );
  expect(delivery).toMatchObject({ state: 'pending', attemptCount: 0, attempts: [] });
}, 20_000);

it('once stopping, answers say Connection: close, so keep-alive clients go elsewhere instead of being cut later', async () => {
  temp = await openTempStore('sqlite');
  const adminKey = 'test-admin-key-0123456789abcdef';
  const app = await createSenderApp({
    config: loadConfig({ PORT: '0', TASKHOOKS_ADMIN_KEY: adminKey }),
    api: true,
    worker: false,
    store: temp.store,
    logger: pino({ level: 'silent' }),
  });
  const { url } = await app.start();
  const { port } = new URL(url!);
  // A keep-alive client whose request is still arriving when the stop begins.
  stalled = net.connect(Number(port), '127.0.0.1').on('error', () => {});
  await new Promise((resolve) => stalled!.once('connect', resolve));
  let answer = '';
  stalled.setEncoding('utf8').on('data', (chunk: string) => {
    answer += chunk;
  });
  const ended = new Promise((resolve) => stalled!.once('end', resolve));
  const body = JSON.stringify({ id: 'fam', name: 'Fam' });
  stalled.write(
    `POST /api/tenants HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nAuthorization: Bearer ${adminKey}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stopped = app.stop({ graceMs: 5_000 });
  stalled.write(body.slice(5));
  await ended; // the server closed the connection after its answer, not at the end of the grace
  expect(answer).toMatch(/^HTTP\/1\.1 201 /);
  expect(answer.toLowerCase()).toContain('connection: close');
  const started = Date.now();
  await stopped;
  expect(Date.now() - started).toBeLessThan(4_000);
  temp = null; // stop() closed the store
}, 20_000);
