import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { verify } from '@taskhooks/receiver-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestReceiver, type TestReceiver } from '../../src/testing/test-receiver.js';
import { killAllClis, runCli, startCli } from './support/cli-process.js';
import { type CliWorld, startCliWorld, waitUntil } from './support/cli-world.js';

const SECRET_LINE = /Your webhook signing secret is (whsec_\S+)/;
const ENDPOINT_LINE = /Temporary endpoint (\S+) on/;

describe('taskhooks listen + trigger against taskhooks serve', () => {
  let world: CliWorld;
  let receiver: TestReceiver;

  beforeAll(async () => {
    [world, receiver] = await Promise.all([
      startCliWorld(),
      startTestReceiver((_req, res) => res.writeHead(200).end('ok')),
    ]);
  }, 60_000);
  afterAll(async () => {
    await killAllClis();
    await Promise.all([world?.close(), receiver?.close()]);
  }, 30_000);

  it('serve prints where everything is, and the admin key on its first start only', () => {
    const banner = world.banner();
    for (const where of ['/api', '/api/openapi.json', '/trpc', '/metrics', '/readyz']) {
      expect(banner).toContain(`${world.url}${where}`);
    }
    expect(banner).toContain(`Admin key ${world.adminKey}`);
    expect(banner).toContain('Tenant "default" created');
    expect(banner.includes('\u001b[')).toBe(false); // a pipe: no colours
  });

  it('forwards a triggered event signed with the printed secret, prints it, and removes the endpoint on Ctrl-C', async () => {
    const forwardTo = receiver.url('/hooks').replace('127.0.0.1', 'localhost');
    const listen = startCli(['listen', '--forward-to', forwardTo, '--events', 'plan.*'], world.cliEnv);
    const secret = (await listen.waitForStdout(SECRET_LINE, 'the signing secret'))[1]!;
    const endpointId = (await listen.waitForStdout(ENDPOINT_LINE, 'the endpoint id'))[1]!;
    expect((await world.api.endpoints.get({ endpointId })).url).toBe(forwardTo);

    const trigger = await runCli(['trigger', 'plan.completed'], world.cliEnv);
    expect(trigger.stderr).toBe('');
    expect(trigger.code).toBe(0);
    const messageId = /message (\S+)/.exec(trigger.stdout)?.[1];
    expect(messageId).toBeDefined();
    expect(trigger.stdout).toContain(`→ endpoint ${endpointId} ${forwardTo}`);
    expect(trigger.stdout).toMatch(
      new RegExp(`--> plan\\.completed \\[${messageId}\\]  <-- \\[200\\] \\d+ (ms|s)`),
    );

    // The receiver got it, and it verifies with the secret listen printed.
    await waitUntil(() => receiver.requests.length > 0, 'the forwarded request');
    const request = receiver.requests[0]!;
    const delivery = await verify({
      model: 'plan_bound_v2',
      secret,
      body: request.body,
      headers: request.headers,
    });
    expect(delivery.known && delivery.event).toBe('plan.completed');
    expect(request.headers['webhook-id']).toBe(messageId);

    const line = await listen.waitForStdout(
      new RegExp(
        `\\d\\d:\\d\\d:\\d\\d  --> plan\\.completed \\[${messageId}\\]  <-- \\[200\\] \\d+ ms  delivery \\S+`,
      ),
      'the delivery line',
    );
    expect(line[0]).toBeTruthy();

    // Ctrl-C as a terminal sends it: to the wrapper and the CLI at once (the wrapper forwards it too).
    const stopped = await listen.interrupt('SIGINT', { group: true });
    expect(stopped.stderr).not.toContain('again');
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain(`Removed temporary endpoint ${endpointId}`);
    await expect(world.api.endpoints.get({ endpointId })).rejects.toMatchObject({ status: 404 });
    expect(secret).not.toBe('');
    expect(stopped.stderr).not.toContain(secret);

    // Same sender, tenant and target: the same secret, also after the sender restarts.
    await world.restartSender();
    expect(world.banner()).not.toContain(world.adminKey);
    expect(world.banner()).toContain('Admin key: from');
    const again = startCli(['listen', '--forward-to', forwardTo], {
      ...world.cliEnv,
      TASKHOOKS_API_URL: world.url,
    });
    expect((await again.waitForStdout(SECRET_LINE, 'the secret after restart'))[1]).toBe(secret);
    const second = (await again.waitForStdout(ENDPOINT_LINE, 'the new endpoint'))[1]!;
    expect(second).not.toBe(endpointId);
    expect((await again.interrupt('SIGTERM')).code).toBe(0);
    await expect(world.api.endpoints.get({ endpointId: second })).rejects.toMatchObject({ status: 404 });
  });

  it('streams --json lines and prints only the secret with --print-secret', async () => {
    const forwardTo = receiver.url('/json');
    const printed = await runCli(['listen', '--forward-to', forwardTo, '--print-secret'], world.cliEnv);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^whsec_\S+\n$/);

    const listen = startCli(['listen', '--forward-to', forwardTo, '--json'], world.cliEnv);
    const ready = JSON.parse((await listen.waitForStdout(/^\{.*"type":"ready".*\}$/m, 'the ready line'))[0]);
    expect(ready).toMatchObject({
      type: 'ready',
      tenantId: 'default',
      forwardTo,
      model: 'plan_bound_v2',
      events: [],
      secret: printed.stdout.trim(),
    });
    const published = JSON.parse((await runCli(['trigger', 'plan.started', '--json'], world.cliEnv)).stdout);
    const attempt = JSON.parse(
      (await listen.waitForStdout(/^\{.*"type":"attempt".*\}$/m, 'an attempt line'))[0],
    );
    expect(attempt).toMatchObject({
      type: 'attempt',
      event: 'plan.started',
      messageId: published.messageId,
      endpointId: ready.endpointId,
      attempt: 1,
      status: 200,
      outcome: 'succeeded',
    });
    expect(typeof attempt.durationMs).toBe('number');
    const stopped = await listen.interrupt();
    expect(stopped.code).toBe(0);
    const last = JSON.parse(stopped.stdout.trim().split('\n').at(-1)!);
    expect(last).toEqual({ type: 'stopped', endpointId: ready.endpointId, removed: true });
  });

  it('trigger gives each published copy a fresh event id where the model has one; one publish of a file keeps its id', async () => {
    const payloads = async (messageIds: string[]) =>
      Promise.all(
        messageIds.map(
          async (messageId) =>
            (await world.api.messages.get({ messageId })).payload as { id: string; tenant_id: string },
        ),
      );
    const payloadIds = async (messageIds: string[]) => (await payloads(messageIds)).map((p) => p.id);
    const repeated = await runCli(
      ['trigger', 'plan.completed', '--model', 'plan_bound_v3', '--count', '3', '--json', '--no-wait'],
      world.cliEnv,
    );
    expect(repeated.code).toBe(0);
    const copies = await payloads(JSON.parse(repeated.stdout).messageIds);
    expect(new Set(copies.map((p) => p.id)).size).toBe(3);
    // The example names an example tenant; each copy names the tenant that published it.
    expect(copies.map((p) => p.tenant_id)).toEqual(['default', 'default', 'default']);

    const file = join(mkdtempSync(join(tmpdir(), 'taskhooks-trigger-')), 'completed.json');
    const example = eventMetadata(getEventSchema('plan_bound_v3', 'plan.completed')).examples[0] as {
      id: string;
    };
    writeFileSync(file, JSON.stringify(example));
    const otherTenant = await runCli(
      ['trigger', 'plan.completed', '--model', 'plan_bound_v3', '--payload', file, '--no-wait'],
      world.cliEnv,
    );
    expect(otherTenant.code).not.toBe(0);
    expect(otherTenant.stderr).toContain('payload.tenant_id "');
    expect(otherTenant.stderr).toContain('is not the publishing tenant "default"');
    // What the sender fills in may be left out of the file: the event name and the tenant.
    const { event: _event, tenant_id: _tenant, ...bare } = example as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(bare));
    const filledIn = await runCli(
      ['trigger', 'plan.completed', '--model', 'plan_bound_v3', '--payload', file, '--json', '--no-wait'],
      world.cliEnv,
    );
    expect(filledIn.stderr).toBe('');
    expect(filledIn.code).toBe(0);
    expect((await payloads([JSON.parse(filledIn.stdout).messageId]))[0]).toMatchObject({
      tenant_id: 'default',
      event: 'plan.completed',
    });
    writeFileSync(file, JSON.stringify({ ...example, tenant_id: 'default' }));
    const once = await runCli(
      ['trigger', 'plan.completed', '--model', 'plan_bound_v3', '--payload', file, '--json', '--no-wait'],
      world.cliEnv,
    );
    expect(once.code).toBe(0);
    expect(await payloadIds([JSON.parse(once.stdout).messageId])).toEqual([example.id]);
  });
});
