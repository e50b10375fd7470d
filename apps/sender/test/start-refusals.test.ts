import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { TEST_ADMIN_KEY } from '../src/testing/seed-data.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';

let backend: ProcessBackend | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await backend?.dispose();
  backend = null;
});

// Each of these printed its error and then stayed up (a SQLite store opened before the check kept
// the process alive), so a supervisor saw a running process that served nothing.
describe('`taskhooks serve` on SQLite with a configuration it refuses', () => {
  it('exits 2 in production mode without TASKHOOKS_ENCRYPTION_KEY, naming it', async () => {
    backend = await prepareProcessBackend('sqlite');
    const started = startSenderProcess(
      'serve',
      { ...backend.env, PORT: '0', TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY, TASKHOOKS_MODE: 'production' },
      { startTimeoutMs: 30_000 },
    );
    await expect(started).rejects.toThrow(
      /exited \(2\)[\s\S]*TASKHOOKS_ENCRYPTION_KEY is required in production/,
    );
  }, 60_000);

  it('exits 2 when WEBHOOK_TENANT differs from the first start, naming it', async () => {
    backend = await prepareProcessBackend('sqlite');
    const env = {
      ...backend.env,
      PORT: '0',
      TASKHOOKS_ADMIN_KEY: TEST_ADMIN_KEY,
      WEBHOOK_URL: 'https://93.184.216.34/hook',
      WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      WEBHOOK_MODEL: 'plan_bound_v2',
      WEBHOOK_TENANT: 'first',
    };
    const first = await startSenderProcess('serve', env);
    expect((await first.stop('SIGTERM')).code).toBe(0);
    const again = startSenderProcess(
      'serve',
      { ...env, WEBHOOK_TENANT: 'second' },
      { startTimeoutMs: 30_000 },
    );
    await expect(again).rejects.toThrow(
      /exited \(2\)[\s\S]*WEBHOOK_TENANT: the env-only endpoint was created for another tenant/,
    );
  }, 90_000);
});
