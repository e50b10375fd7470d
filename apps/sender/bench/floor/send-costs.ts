// The two sending reference points, measured with the bench's own children: the bare undici send
// (the least CPU any sender spends putting an event on the wire) and BullMQ, whose CPU per event
// sets the budget. BullMQ is measured as throughput.ts runs it, but here every process that does
// work per event is counted: the worker, Redis, the receiver and the load generator (this process).
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { forkBenchChild } from '../child-process.js';
import { cpuTimeMs, serviceCpuTimeMs } from '../process-stats.js';
import type { BenchReceiver } from '../receiver-client.js';
import { msToUsPerEvent, selfCpuUs } from './cpu-clock.js';
import { publishInCalls } from './publish-loop.js';

const TIMEOUT_MS = 180_000;

export interface RawSendCost {
  eventsPerSec: number;
  /** The undici sender's CPU per event. */
  senderUs: number;
  receiverUs: number;
}

/** Runs raw-undici-child.ts twice: the first pass warms it up (JIT, connections), the second is measured. */
export async function measureRawSend(
  receiver: BenchReceiver,
  payload: Record<string, unknown>,
  events: number,
): Promise<RawSendCost> {
  const child = await forkBenchChild('raw-undici-child.ts', {
    RECEIVER_URL: receiver.url,
    EVENTS: String(events),
    CONCURRENCY: '64',
    PAYLOAD_JSON: JSON.stringify(payload),
  });
  const sendAll = async () => {
    const reached = receiver.waitForDistinct(events, TIMEOUT_MS);
    child.send({ type: 'start' });
    await child.next('done', TIMEOUT_MS);
    await reached;
  };
  try {
    await receiver.reset();
    await sendAll();
    // The same webhook-ids again: the receiver counts them afresh after a reset.
    await receiver.reset();
    const senderBefore = cpuTimeMs(child.pid);
    const receiverBefore = cpuTimeMs(receiver.pid);
    const startedAt = Date.now();
    await sendAll();
    const seconds = (Date.now() - startedAt) / 1000;
    return {
      eventsPerSec: events / seconds,
      senderUs: msToUsPerEvent(senderBefore, cpuTimeMs(child.pid), events),
      receiverUs: msToUsPerEvent(receiverBefore, cpuTimeMs(receiver.pid), events),
    };
  } finally {
    await child.close();
  }
}

export interface BullmqCost {
  eventsPerSec: number;
  workerUs: number;
  redisUs: number;
  receiverUs: number;
  /** `addBulk` of 100 from this process, 4 calls in flight. */
  loadGeneratorUs: number;
}

/** The CPU BullMQ's four processes used per event: what the machine gave them at BullMQ's rate. */
export function bullmqTotalUs(cost: BullmqCost): number {
  return cost.workerUs + cost.redisUs + cost.receiverUs + cost.loadGeneratorUs;
}

/** BullMQ as in throughput.ts: a concurrency-64 worker process (bullmq-worker-child.ts) POSTing with undici. */
export async function measureBullmq(
  receiver: BenchReceiver,
  payload: Record<string, unknown>,
  events: number,
  warmupEvents: number,
): Promise<BullmqCost> {
  const queueName = `taskhooks-floor-${randomBytes(4).toString('hex')}`;
  const queue = new Queue(queueName, {
    connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
  });
  const worker = await forkBenchChild('bullmq-worker-child.ts', {
    RECEIVER_URL: receiver.url,
    QUEUE_NAME: queueName,
    CONCURRENCY: '64',
  });
  const publishOne = (count: number) =>
    queue.addBulk(Array.from({ length: count }, () => ({ name: 'plan.failed', data: payload })));
  const sendAll = async (count: number) => {
    const reached = receiver.waitForDistinct(count, TIMEOUT_MS);
    await publishInCalls(count, publishOne);
    await reached;
  };
  try {
    await receiver.reset();
    await sendAll(warmupEvents);
    await receiver.reset();
    const before = {
      worker: cpuTimeMs(worker.pid),
      redis: serviceCpuTimeMs('redis-server'),
      receiver: cpuTimeMs(receiver.pid),
      self: selfCpuUs(),
      at: Date.now(),
    };
    await sendAll(events);
    const seconds = (Date.now() - before.at) / 1000;
    return {
      eventsPerSec: events / seconds,
      workerUs: msToUsPerEvent(before.worker, cpuTimeMs(worker.pid), events),
      redisUs: msToUsPerEvent(before.redis, serviceCpuTimeMs('redis-server'), events),
      receiverUs: msToUsPerEvent(before.receiver, cpuTimeMs(receiver.pid), events),
      loadGeneratorUs: (selfCpuUs() - before.self) / events,
    };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
}
