import type { SenderUnderTest } from '../support/sender-under-test.js';

export interface SteadyPublisherOptions {
  sender: SenderUnderTest;
  tenants: readonly string[];
  /** One publish item (model, event, payload); each call sends `batchSize` copies. */
  item: Record<string, unknown>;
  ratePerSec: number;
  batchSize: number;
  durationMs: number;
  /** Calls allowed in flight; when all are busy the publisher falls behind (and reports it). */
  maxInFlight: number;
}

export interface SteadyPublishReport {
  /** message id → when its publish call started (performance.now() + timeOrigin, ms). */
  startedAt: Map<string, number>;
  /** message id → the tenant it was published for. */
  tenantOf: Map<string, string>;
  calls: number;
  failedCalls: Map<number, number>;
  /** Calls that could not start on time because every slot was busy. */
  skippedCalls: number;
  seconds: number;
}

export const wallClock = () => performance.timeOrigin + performance.now();

/**
 * Open-loop publishing at a fixed rate: a call is due every batchSize/rate seconds whether or not
 * earlier calls have answered (a real producer does not slow down because the sender is slow), up
 * to `maxInFlight` calls at once. Tenants take turns, so every endpoint sees a steady trickle.
 */
export async function publishSteadily(options: SteadyPublisherOptions): Promise<SteadyPublishReport> {
  const { sender, tenants, batchSize } = options;
  const startedAt = new Map<string, number>();
  const tenantOf = new Map<string, string>();
  const failedCalls = new Map<number, number>();
  const intervalMs = (batchSize / options.ratePerSec) * 1000;
  const totalCalls = Math.floor(options.durationMs / intervalMs);
  const events = Array.from({ length: batchSize }, () => options.item);
  const inFlight = new Set<Promise<void>>();
  let calls = 0;
  let skippedCalls = 0;
  const begin = wallClock();

  const call = async (tenantId: string) => {
    const t0 = wallClock();
    try {
      const answer = await sender.trpc('events.publishBatch', { tenantId, events });
      const results = (answer.json as { result?: { data?: { results?: { messageId: string }[] } } })?.result
        ?.data?.results;
      if (answer.status !== 200 || !results) {
        failedCalls.set(answer.status, (failedCalls.get(answer.status) ?? 0) + 1);
        return;
      }
      for (const { messageId } of results) {
        startedAt.set(messageId, t0);
        tenantOf.set(messageId, tenantId);
      }
    } catch {
      failedCalls.set(0, (failedCalls.get(0) ?? 0) + 1);
    }
  };

  for (let index = 0; index < totalCalls; index++) {
    const dueAt = begin + index * intervalMs;
    const wait = dueAt - wallClock();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight.size >= options.maxInFlight) {
      skippedCalls++;
      continue;
    }
    calls++;
    const promise = call(tenants[index % tenants.length]!).finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }
  await Promise.all(inFlight);
  return { startedAt, tenantOf, calls, failedCalls, skippedCalls, seconds: (wallClock() - begin) / 1000 };
}
