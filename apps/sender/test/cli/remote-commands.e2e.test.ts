import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startApiHarness } from '../../src/api/testing/api-harness.js';
import { startTestReceiver, type TestReceiver } from '../../src/testing/test-receiver.js';
import { killAllClis, runCli, startCli } from './support/cli-process.js';
import { type CliWorld, startCliWorld, waitUntil } from './support/cli-world.js';

const EXAMPLE = {
  model: 'plan_bound_v2',
  event: 'submission.approved',
} as const;

describe('taskhooks deliveries / redeliver / recover', () => {
  let world: CliWorld;
  let receiver: TestReceiver;
  /** What the receiver answers; the test flips it to make deliveries fail, then succeed. */
  let answer = 500;
  let endpointId: string;

  beforeAll(async () => {
    [world, receiver] = await Promise.all([
      startCliWorld(),
      startTestReceiver((_req, res) => res.writeHead(answer).end()),
    ]);
    const { endpoint } = await world.api.endpoints.create({
      tenantId: 'default',
      url: receiver.url('/hooks'),
      model: EXAMPLE.model,
      // One attempt: a failure is final at once, so --failed and recover have something to show.
      retry: { custom: { maxAttempts: 1, delaysMs: [] } },
    });
    endpointId = endpoint.id;
  }, 60_000);
  afterAll(async () => {
    await killAllClis();
    await Promise.all([world?.close(), receiver?.close()]);
  }, 30_000);

  async function publishFailing(count: number): Promise<string[]> {
    const { results } = await world.api.call('events.publishBatch', {
      tenantId: 'default',
      events: Array.from({ length: count }, (_, i) => ({
        model: EXAMPLE.model,
        event: 'plan.started',
        payload: examplePayload,
        idempotencyKey: `cli-test-${Date.now()}-${i}`,
      })),
    });
    const ids = results.map((r) => r.messageId);
    await waitUntil(async () => {
      const { items } = await world.api.deliveries.list({ endpointId, status: 'failed' });
      return items.length >= count;
    }, 'the deliveries to fail');
    return ids;
  }

  let examplePayload: unknown;

  it('lists failed deliveries (--json shape and table), redelivers one, recovers the rest with progress', async () => {
    const { eventMetadata, getEventSchema } = await import('@taskhooks/contracts');
    examplePayload = eventMetadata(getEventSchema('plan_bound_v2', 'plan.started')).examples[0];
    const messageIds = await publishFailing(3);

    const listed = await runCli(['deliveries', '--failed', '--json'], world.cliEnv);
    expect(listed.code).toBe(0);
    const { items } = JSON.parse(listed.stdout) as { items: Record<string, unknown>[] };
    expect(items).toHaveLength(3);
    expect(items.map((d) => d.messageId).sort()).toEqual([...messageIds].sort());
    for (const item of items) {
      expect(item).toMatchObject({
        endpointId,
        event: 'plan.started',
        status: 'failed',
        attemptCount: 1,
        lastStatus: 500,
        url: receiver.url('/hooks'),
      });
    }

    const table = await runCli(['deliveries', '--endpoint', endpointId, '--limit', '2'], world.cliEnv);
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^DELIVERY\s+EVENT\s+STATUS\s+ATTEMPTS\s+LAST\s+CREATED\s+ENDPOINT$/);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/plan\.started\s+failed\s+1\s+500\s+\d+s ago/);

    answer = 200;
    const first = String(items[0]!.id);
    const redelivered = await runCli(['redeliver', first], world.cliEnv);
    expect(redelivered.code).toBe(0);
    expect(redelivered.stdout).toContain(`Queued delivery ${first}`);
    expect(redelivered.stdout).toMatch(/<-- \[200\] \d+ ms {2}delivery \S+, attempt 2/);

    const recovered = await runCli(
      ['recover', '--endpoint', endpointId, '--since', '1h', '--json'],
      world.cliEnv,
    );
    expect(recovered.code).toBe(0);
    expect(JSON.parse(recovered.stdout)).toMatchObject({
      endpointId,
      requeued: 2,
      attempted: 2,
      complete: true,
    });
    const { items: after } = await world.api.deliveries.list({ endpointId });
    expect(after.map((d) => d.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('refuses a --tenant that does not exist instead of listing nothing or printing a secret for it', async () => {
    const [deliveries, listen] = await Promise.all([
      runCli(['deliveries', '--tenant', 'nope'], world.cliEnv),
      runCli(
        ['listen', '--tenant', 'nope', '--print-secret', '--forward-to', receiver.url('/x')],
        world.cliEnv,
      ),
    ]);
    for (const result of [deliveries, listen]) {
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('tenant "nope" does not exist');
      expect(result.stdout).toBe('');
    }
  });

  it('refuses --endpoint of another tenant than an explicit --tenant (an admin key reaches them all)', async () => {
    const [deliveries, recover] = await Promise.all([
      runCli(['deliveries', '--endpoint', endpointId, '--tenant', 'someone-else'], world.cliEnv),
      runCli(
        ['recover', '--endpoint', endpointId, '--since', '1h', '--tenant', 'someone-else'],
        world.cliEnv,
      ),
    ]);
    for (const result of [deliveries, recover]) {
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`--endpoint ${endpointId} is not an endpoint of tenant "someone-else"`);
    }
    const [delivery] = (await world.api.deliveries.list({ endpointId })).items;
    expect(delivery).toBeDefined();
    const redeliver = await runCli(['redeliver', delivery!.id, '--tenant', 'someone-else'], world.cliEnv);
    expect(redeliver.code).toBe(3);
    expect(redeliver.stderr).toContain(`is not an endpoint of tenant "someone-else"`);
    const fromEnvironment = await runCli(['deliveries', '--endpoint', endpointId], {
      ...world.cliEnv,
      TASKHOOKS_TENANT: 'someone-else',
    });
    expect(fromEnvironment.code).toBe(3);
    // Its own tenant, named or not, is fine.
    expect(
      (await runCli(['deliveries', '--endpoint', endpointId, '--tenant', 'default'], world.cliEnv)).code,
    ).toBe(0);
  });

  it('Ctrl-C while trigger waits for an attempt is an interruption (130), not a timed-out wait', async () => {
    const hanging = await startTestReceiver(() => {});
    const { endpoint } = await world.api.endpoints.create({
      tenantId: 'default',
      url: hanging.url('/never-answers'),
      model: EXAMPLE.model,
      events: ['plan.completed'],
    });
    try {
      const trigger = startCli(['trigger', 'plan.completed', '--wait-timeout', '30s'], world.cliEnv);
      await trigger.waitForStdout(/→ endpoint/, 'the published line');
      // Mostly between two polls by then: the case that used to read as a timed-out wait (exit 1).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const stopped = await trigger.interrupt('SIGINT');
      expect(stopped.code).toBe(130);
      expect(stopped.stderr).toContain('interrupted');
      expect(stopped.stdout).not.toContain('no attempt result within');
    } finally {
      await world.api.endpoints.delete({ endpointId: endpoint.id });
      await hanging.close();
    }
  });

  it('answers with the documented exit codes: 3 not found, 4 refused key, 1 unreachable', async () => {
    const [missing, badKey, unreachable] = await Promise.all([
      runCli(['redeliver', '01a20000-0000-7000-8000-000000000000', '--json'], world.cliEnv),
      runCli(['deliveries', '--api-key', 'thk_admin_not-a-real-key'], world.cliEnv),
      runCli(['deliveries'], {
        ...world.cliEnv,
        TASKHOOKS_API_URL: 'http://127.0.0.1:9',
        TASKHOOKS_API_KEY: 'x',
      }),
    ]);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { exitCode: 3 } });
    expect(missing.stderr).toMatch(/^error .*does not exist/);
    expect(badKey.code).toBe(4);
    expect(badKey.stderr).toContain('refused the API key from --api-key');
    expect(badKey.stderr).not.toContain('not-a-real-key');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('could not reach the sender at http://127.0.0.1:9');
  });
});

describe('taskhooks listen against a production-mode sender', () => {
  it('explains that localhost needs TASKHOOKS_MODE=development (exit code 5, nothing registered)', async () => {
    const h = await startApiHarness('sqlite', { env: { TASKHOOKS_MODE: 'production' } });
    try {
      await h.call('tenants.create', { id: 'default', name: 'Default' });
      const result = await runCli(
        ['listen', '--forward-to', h.receiver.url('/hooks'), '--api-url', h.url, '--api-key', ADMIN_KEY],
        { HOME: h.sqlitePath ? dirname(h.sqlitePath) : tmpdir() },
      );
      expect(result.code).toBe(5);
      expect(result.stderr).toContain(`the sender refused to deliver to ${h.receiver.url('/hooks')}`);
      expect(result.stderr).toContain('TASKHOOKS_MODE=development');
      expect(await h.store.listEndpoints('default')).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
