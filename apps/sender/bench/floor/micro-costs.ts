// The in-process steps every event goes through, with the packages the sender uses: JSON.parse
// (its share of a 100-event batch body), contract validation (`validateOutgoing`), serialising the
// validated payload once (the bytes stored, signed and sent) and signing (`signRequest`,
// Standard Webhooks). Each is run `events` times after a warm-up, in this process.
import { validateOutgoing } from '@taskhooks/contracts';
import { signRequest } from '@taskhooks/signatures';
import { TEST_SECRET } from '../../src/testing/seed-data.js';
import { selfCpuUs } from './cpu-clock.js';
import { PER_CALL } from './publish-loop.js';

export interface MicroCosts {
  parseShareUs: number;
  validateUs: number;
  stringifyUs: number;
  signUs: number;
}

const WARMUP_RUNS = 2_000;

function cpuUsPerRun(run: () => unknown, runs: number): number {
  for (let i = 0; i < Math.min(runs, WARMUP_RUNS); i++) run();
  const before = selfCpuUs();
  for (let i = 0; i < runs; i++) run();
  return (selfCpuUs() - before) / runs;
}

async function cpuUsPerAsyncRun(run: () => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < Math.min(runs, WARMUP_RUNS); i++) await run();
  const before = selfCpuUs();
  for (let i = 0; i < runs; i++) await run();
  return (selfCpuUs() - before) / runs;
}

export async function measureMicroCosts(
  payload: Record<string, unknown>,
  events: number,
): Promise<MicroCosts> {
  const event = { event: 'plan.failed', ...payload };
  const checked = validateOutgoing('plan_bound_v2', event);
  if (!checked.success) throw new Error(`the seed payload does not validate: ${checked.error.message}`);

  const batchBody = JSON.stringify({
    tenantId: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000',
    events: Array.from({ length: PER_CALL }, () => ({
      model: 'plan_bound_v2',
      event: 'plan.failed',
      payload,
    })),
  });
  const payloadJson = JSON.stringify(checked.data);
  let messageNumber = 0;
  const sign = () =>
    signRequest({
      scheme: { scheme: 'standard-webhooks' },
      id: `msg_${messageNumber++}`,
      timestamp: Math.floor(Date.now() / 1000),
      event: 'plan.failed',
      body: payloadJson,
      secrets: [TEST_SECRET],
    });

  return {
    parseShareUs: cpuUsPerRun(() => JSON.parse(batchBody), Math.ceil(events / PER_CALL)) / PER_CALL,
    validateUs: cpuUsPerRun(() => validateOutgoing('plan_bound_v2', event), events),
    stringifyUs: cpuUsPerRun(() => JSON.stringify(checked.data), events),
    signUs: await cpuUsPerAsyncRun(sign, events),
  };
}
