import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { TEST_ADMIN_KEY } from '../src/testing/seed-data.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';

let backend: ProcessBackend | null = null;
let holder: Server | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await backend?.dispose();
  await new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve()));
  backend = null;
  holder = null;
});

describe('taskhooks serve on a port that is taken', () => {
  it('exits instead of running its worker without an API (a hidden second worker on the data)', async () => {
    backend = await prepareProcessBackend('sqlite');
    const taken = createServer();
    holder = taken;
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const started = startSenderProcess('serve', {
      ...backend.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
    });
    // Before the fix the process logged EADDRINUSE and stayed up (the start-up wait timed out).
    await expect(started).rejects.toThrow(/exited \(\d+\)[\s\S]*EADDRINUSE/);
  }, 30_000);
});
