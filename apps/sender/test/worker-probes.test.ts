import { afterEach, expect, it } from 'vitest';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';

let backend: ProcessBackend | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await backend?.dispose();
  backend = null;
});

it('`taskhooks worker` serves /livez, /readyz and /metrics on TASKHOOKS_WORKER_PROBE_PORT, and nothing without it', async () => {
  backend = await prepareProcessBackend('postgres');
  const token = 'worker-metrics-token-0123';
  const worker = await startSenderProcess('worker', {
    ...backend.env,
    TASKHOOKS_WORKER_PROBE_PORT: '0',
    TASKHOOKS_METRICS_TOKEN: token,
  });
  const started = await worker.waitForLog((l) => l.msg === 'taskhooks worker started', 'the start line');
  const probes = String(started.probes);
  expect(probes).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(await (await fetch(`${probes}/livez`)).json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${probes}/readyz`);
  expect([ready.status, await ready.json()]).toEqual([
    200,
    { status: 'ready', checks: { shutdown: 'ok', store: 'ok' } },
  ]);
  expect((await fetch(`${probes}/metrics`)).status).toBe(401);
  const metrics = await fetch(`${probes}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toContain('taskhooks_worker_attempts_in_flight');
  expect((await fetch(`${probes}/api/tenants`)).status).toBe(404); // no API on a worker
  expect((await worker.stop('SIGTERM')).code).toBe(0);

  const quiet = await startSenderProcess('worker', backend.env);
  const line = await quiet.waitForLog((l) => l.msg === 'taskhooks worker started', 'the start line');
  expect(line.probes).toBeUndefined();
  expect((await quiet.stop('SIGTERM')).code).toBe(0);
}, 90_000);
