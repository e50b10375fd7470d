import type { Store } from '../store/types.js';
import type { ClaimedBacklog } from './claimed-backlog.js';
import type { DeliverOneOutcome } from './deliver-one.js';

/** What a stopping worker hands over once its claim loop has ended. */
export interface StoppingWorker {
  store: Store;
  workerId: string;
  clock: () => number;
  backlog: ClaimedBacklog;
  inFlight: ReadonlyMap<string, Promise<DeliverOneOutcome>>;
  /** Aborts the attempts still running when the grace period ends. */
  shutdown: AbortController;
  /** Closes the worker's own dispatcher (null when the caller owns it). */
  closeDispatcher: (() => Promise<void>) | null;
}

/**
 * Hands the waiting backlog back, gives attempts in flight up to `graceMs`, aborts the rest and
 * hands their rows back, then closes the dispatcher. Every step runs whatever an earlier one threw
 * (a release with the database gone): attempts in flight still get their grace before their
 * connections are closed under them, and the first failure is thrown at the end.
 */
export async function finishInFlight(worker: StoppingWorker, graceMs: number): Promise<void> {
  const { store, workerId, clock, inFlight } = worker;
  const failures: unknown[] = [];
  const step = async (run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      failures.push(error);
    }
  };
  await step(async () => {
    const waiting = worker.backlog.drain().map((claim) => claim.delivery.id);
    if (waiting.length > 0) await store.releaseDeliveries(workerId, waiting, clock());
  });
  await Promise.race([Promise.allSettled([...inFlight.values()]), delay(graceMs)]);
  const unfinished = [...inFlight.entries()];
  worker.shutdown.abort();
  await step(async () => {
    const outcomes = await Promise.all(unfinished.map(async ([id, p]) => [id, await p] as const));
    const abandoned = outcomes.filter(([, o]) => o.kind === 'abandoned').map(([id]) => id);
    if (abandoned.length > 0) await store.releaseDeliveries(workerId, abandoned, clock());
  });
  if (worker.closeDispatcher) await step(worker.closeDispatcher);
  if (failures.length > 0) throw failures[0];
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
