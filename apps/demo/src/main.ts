import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSenderClient } from '@taskhooks/sender-client';
import { type DemoReceiver, startDemoReceiver, type VerifiedDelivery } from './demo-receiver.js';
import { familyDay } from './family-day.js';
import { bold, cyan, dim, green, maskSecret, red } from './output.js';
import { type RunningSender, startSender } from './start-sender.js';

const HELP = `taskhooks live demo

Starts \`taskhooks serve\` on a fresh SQLite data directory, a receiver built with
@taskhooks/receiver-sdk, and publishes a family's day of plan_bound_v2 events; each one is
shown arriving at the receiver, signature-verified and contract-validated. Keeps running
(so you can open the portal link) until Ctrl-C.

Options:
  --port <n>         sender port to try first (default 8787; a free one if taken or 0)
  --interval <ms>    pause between events (default 600)
  --once             exit after the day (0 when every event arrived verified, 1 otherwise)
  --keep-data        keep the data directory instead of deleting it on exit
  -h, --help         this text`;

const TENANT = { id: 'rivera-family', name: 'The Rivera family' };
const VERIFY_TIMEOUT_MS = 15_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      interval: { type: 'string', default: '600' },
      once: { type: 'boolean', default: false },
      'keep-data': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const intervalMs = Number(values.interval);
  const preferredPort = Number(values.port);
  if (!Number.isInteger(intervalMs) || intervalMs < 0)
    return usage(`--interval: expected milliseconds ≥ 0, got "${values.interval}"`);
  if (!Number.isInteger(preferredPort) || preferredPort < 0 || preferredPort > 65_535)
    return usage(`--port: expected a port number, got "${values.port}"`);

  const dataDir = mkdtempSync(join(tmpdir(), 'taskhooks-demo-'));
  const verified = new Map<string, VerifiedDelivery>();
  const waiters = new Map<string, () => void>();
  /** Resolves true once the receiver verified `messageId` (it may already have: delivery can beat the publish response). */
  const waitForVerified = (messageId: string) =>
    new Promise<boolean>((resolve) => {
      if (verified.has(messageId)) return resolve(true);
      const timer = setTimeout(() => {
        waiters.delete(messageId);
        resolve(false);
      }, VERIFY_TIMEOUT_MS);
      waiters.set(messageId, () => {
        clearTimeout(timer);
        waiters.delete(messageId);
        resolve(true);
      });
    });
  let live = false;
  let receiver: DemoReceiver | null = null;
  let sender: RunningSender | null = null;
  const cleanUp = async (options: { keepData: boolean }) => {
    await sender?.stop();
    await receiver?.close();
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    console.log(bold('\ntaskhooks demo: a family’s Saturday, delivered and verified\n'));
    receiver = await startDemoReceiver({
      onVerified: (delivery) => {
        verified.set(delivery.messageId, delivery);
        waiters.get(delivery.messageId)?.();
        // After the scripted day, events published by others (CLI, portal test sends) are shown as they come.
        if (live) printVerified(delivery, delivery.messageId);
      },
      onRefused: (reason) => console.log(`   ${red('✗ refused')} ${reason}`),
    });
    sender = await startSender({
      dataDir,
      preferredPort,
      onUnexpectedExit: (code) => {
        console.error(
          red(`taskhooks serve exited unexpectedly (${code}); its log: ${join(dataDir, 'sender.log')}`),
        );
        process.exit(1);
      },
    });
    const client = createSenderClient({ url: sender.url, apiKey: sender.adminKey, tenantId: TENANT.id });
    await client.tenants.create({ ...TENANT, entitlement: 'active' });
    const { endpoint, secret } = await client.endpoints.create({
      tenantId: TENANT.id,
      url: receiver.url,
      model: 'plan_bound_v2',
      events: ['plan.*', 'submission.*'],
      description: 'Family dashboard (demo receiver)',
    });
    if (!secret) throw new Error('the endpoint was created without a signing secret');
    receiver.useSecret(secret);

    row('sender', `${sender.url}  ${dim(`(SQLite in ${dataDir}; log ${sender.logFile})`)}`);
    row('receiver', `${receiver.url}  ${dim('(@taskhooks/receiver-sdk, model plan_bound_v2)')}`);
    row('tenant', `${TENANT.id}  ${dim(`"${TENANT.name}"`)}`);
    row(
      'endpoint',
      `${endpoint.id} → receiver, events plan.* submission.*, ${endpoint.scheme.scheme} signatures`,
    );
    row(
      'secret',
      `${maskSecret(secret)}  ${dim('(shown once by the sender; the receiver verifies with it)')}`,
    );
    console.log('');

    const latencies: number[] = [];
    const steps = familyDay();
    for (const step of steps) {
      console.log(`${cyan(step.payload.occurred_at.slice(11, 16))}  ${step.story}`);
      const publishedAt = Date.now();
      const result = await client.publish('plan_bound_v2', step.event, step.payload as never);
      console.log(
        `       ${dim('→ published')} ${step.event}  ${dim(`${result.messageId}  (${result.deliveriesCreated} delivery)`)}`,
      );
      const ok = await waitForVerified(result.messageId);
      const delivery = verified.get(result.messageId);
      if (!ok || !delivery) {
        console.log(`       ${red('✗ not verified')} within ${VERIFY_TIMEOUT_MS / 1000} s`);
        continue;
      }
      const latency = delivery.receivedAt - publishedAt;
      latencies.push(latency);
      printVerified(delivery, `${latency} ms after publish`);
      await sleep(intervalMs);
    }

    const allVerified = latencies.length === steps.length;
    latencies.sort((a, b) => a - b);
    console.log('');
    console.log(
      allVerified
        ? green(
            bold(
              `All ${steps.length} events delivered and verified (signature + contract): p50 ${latencies[Math.floor(latencies.length / 2)]} ms, max ${latencies.at(-1)} ms after publish.`,
            ),
          )
        : red(bold(`${latencies.length} of ${steps.length} events verified.`)),
    );

    const printPortalLink = async () => {
      const portal = await client.portal.createLink({ tenantId: TENANT.id });
      row('portal', portal.url);
      row(
        '',
        dim(
          `the Rivera family's endpoint portal: every attempt, request and response, redeliver (opens once, until ${new Date(portal.expiresAt).toISOString().slice(11, 19)} UTC)`,
        ),
      );
    };
    console.log('');
    await printPortalLink();
    row('API', `${sender.url}/api/openapi.json  ${dim('(REST)')}   ${sender.url}/trpc  ${dim('(tRPC)')}`);
    const docsServed = await fetch(`${sender.url}/docs/`, { method: 'HEAD' }).then(
      (response) => response.ok,
      () => false,
    );
    row(
      'docs',
      docsServed
        ? `${sender.url}/docs/  ${dim('(the contract: every event, its schema and example)')}`
        : dim('build the docs site (pnpm docs:build) and the sender serves it at /docs/'),
    );

    if (values.once) {
      await cleanUp({ keepData: values['keep-data'] || !allVerified });
      return allVerified ? 0 : 1;
    }
    console.log(
      dim(
        '\nRunning until Ctrl-C. Press Enter for a fresh portal link. Publish more from another terminal, at the repo root:',
      ),
    );
    // The demo's admin key lives only as long as this throwaway sender, so showing it is harmless.
    console.log(
      `  TASKHOOKS_API_URL=${sender.url} TASKHOOKS_API_KEY=${sender.adminKey} node apps/sender/bin/taskhooks.mjs trigger plan.completed --tenant ${TENANT.id}`,
    );
    live = true;
    const freshLinkOnEnter = () => void printPortalLink().catch((error) => console.error(red(String(error))));
    process.stdin.on('data', freshLinkOnEnter);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.stdin.off('data', freshLinkOnEnter);
    process.stdin.pause();
    console.log(dim('\nstopping: the sender finishes in-flight deliveries…'));
    await cleanUp({ keepData: values['keep-data'] });
    return 0;
  } catch (error) {
    console.error(red(`demo failed: ${error instanceof Error ? error.message : String(error)}`));
    // Kept so the sender's log can be read.
    await cleanUp({ keepData: true }).catch(() => {});
    return 1;
  }
}

function printVerified(delivery: VerifiedDelivery, note: string): void {
  console.log(
    `       ${green('✓ verified')} ${delivery.event}  ${delivery.childName ?? '(no child)'}: ${delivery.summary}  ${dim(`(${note})`)}`,
  );
}

function row(label: string, text: string): void {
  console.log(`  ${bold(label.padEnd(9))} ${text}`);
}

function usage(message: string): number {
  console.error(`${message}\n\n${HELP}`);
  return 2;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
