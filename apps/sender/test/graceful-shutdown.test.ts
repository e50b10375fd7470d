import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { publishMany, waitFor } from '../src/testing/api-client.js';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { loadSeedExample, seedTenantWithEndpoint, TEST_ADMIN_KEY } from '../src/testing/seed-data.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';
import type { Backend } from '../src/testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from '../src/testing/test-receiver.js';

const EVENTS = 30;
const payload = loadSeedExample();

let receiver: TestReceiver | null = null;
let backend: ProcessBackend | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await receiver?.close();
  await backend?.dispose();
  receiver = null;
  backend = null;
});

describe.each<Backend>(['sqlite', 'postgres'])('graceful SIGTERM of `taskhooks serve` on %s', (kind) => {
  it('finishes the attempts in flight, hands the rest back, exits 0; a restart sends each event exactly once', async () => {
    // Answers are held until the SIGTERM has been taken: at that moment several attempts are
    // certainly in flight and most deliveries unsent, however slow the machine is.
    const held: Array<() => void> = [];
    let holding = true;
    receiver = await startTestReceiver((_req, res) => {
      const answer = () => res.writeHead(204).end();
      if (holding) held.push(answer);
      else setTimeout(answer, 50);
    });
    backend = await prepareProcessBackend(kind);
    const store = await backend.openStore();
    const { tenantId } = await seedTenantWithEndpoint(store, receiver.url());
    await store.close();
    const env = { ...backend.env, PORT: '0', TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY };

    const first = await startSenderProcess('serve', env);
    await publishMany(first.url!, TEST_ADMIN_KEY, tenantId, payload, EVENTS, EVENTS);
    await waitFor(() => receiver!.requests.length > 0, 'the first attempts to be in flight');
    const stopping = first.stop('SIGTERM');
    await first.waitForLog((l) => l.msg.startsWith('shutting down'), 'the sender to take the SIGTERM');
    holding = false;
    for (const answer of held.splice(0)) answer();
    const exit = await stopping;
    expect(exit).toEqual({ code: 0, signal: null });
    const sentBeforeStop = receiver.requests.length;
    expect(sentBeforeStop).toBeLessThan(EVENTS);
    expect(first.logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['delivery worker stopped', 'stopped']),
    );

    const check = await backend.openStore();
    try {
      // Every request that went out was answered and recorded; nothing is left leased.
      expect(await check.countDeliveries({ tenantId })).toMatchObject({
        succeeded: sentBeforeStop,
        pending: EVENTS - sentBeforeStop,
        in_flight: 0,
      });

      await startSenderProcess('serve', env);
      await waitFor(
        async () => (await check.countDeliveries({ tenantId })).succeeded === EVENTS,
        'the rest to be delivered after the restart',
        60_000,
        100,
      );
    } finally {
      await check.close();
    }
    const ids = receiver.requests.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(EVENTS);
    expect(new Set(ids).size).toBe(EVENTS);
  });
});

describe('SIGTERM of `taskhooks serve` with a client that never finishes its request', () => {
  /** Opens a request whose body never completes: it keeps one connection busy until cut. */
  function stallRequest(url: string): Promise<net.Socket> {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /trpc/events.publish HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TEST_ADMIN_KEY}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
        );
        resolve(socket);
      });
      socket.on('error', () => {}); // cut by the server: expected
      socket.once('error', reject);
    });
  }

  it('cuts the stalled connection after the grace period and exits 0; a second signal exits at once (130)', async () => {
    backend = await prepareProcessBackend('sqlite');
    const env = { ...backend.env, PORT: '0', TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY };

    const graceful = await startSenderProcess('serve', env);
    const stalled = await stallRequest(graceful.url!);
    const started = Date.now();
    expect(await graceful.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    // The default grace is 10 s; without the cut-off the process waited for the client (up to 5 min).
    expect(Date.now() - started).toBeLessThan(20_000);
    // The server cut the connection (the client sees it close, not a response).
    if (!stalled.closed) await new Promise((resolve) => stalled.once('close', resolve));
    expect(stalled.bytesRead).toBe(0);

    const impatient = await startSenderProcess('serve', env);
    const held = await stallRequest(impatient.url!);
    const exited = impatient.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    impatient.child.kill('SIGINT');
    expect(await exited).toEqual({ code: 130, signal: null });
    held.destroy();
  }, 60_000);
});
