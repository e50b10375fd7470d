import type { ClockOffset, Store } from '../store/types.js';
import type { WorkerLogger } from './worker-api.js';

/**
 * Warns when this worker's clock is far from the database's. Leases are written and compared with
 * each worker's own clock: a worker whose clock runs ahead of another's by more than the lease's
 * record margin sees that worker's leases expire early and sends a delivery the other is still
 * sending. Two workers each within a quarter of the margin of the database stay within half of it
 * of each other, which leaves the other half for recording the attempt.
 */
export async function checkClockAgainstDatabase(options: {
  store: Pick<Store, 'measureClockOffset'>;
  clock: () => number;
  /** What a lease keeps beyond the longest attempt (`recordMarginMs` in the worker). */
  recordMarginMs: number;
  logger: WorkerLogger;
}): Promise<ClockOffset | null> {
  if (!options.store.measureClockOffset) return null;
  const measured = await options.store.measureClockOffset(options.clock);
  const toleranceMs = options.recordMarginMs / 4;
  if (Math.abs(measured.offsetMs) > toleranceMs) {
    const direction = measured.offsetMs > 0 ? 'behind' : 'ahead of';
    options.logger.warn(
      { offsetMs: measured.offsetMs, roundTripMs: measured.roundTripMs, toleranceMs },
      `this worker's clock is ${seconds(Math.abs(measured.offsetMs))} ${direction} the database's ` +
        `(tolerance ${seconds(toleranceMs)}): workers compare leases with their own clocks, so one ` +
        'running ahead can take and send a delivery another worker is still sending. Synchronise ' +
        'the clocks (NTP) of every host running a taskhooks worker.',
    );
  }
  return measured;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
