import type { DeliveryState } from '../../store/types.js';

export interface SuccessRate {
  succeeded: number;
  failed: number;
  /** Waiting for a (next) attempt or being sent now. */
  pending: number;
  /** succeeded / (succeeded + failed), 0–1; null before anything finished. */
  rate: number | null;
}

/** Over the deliveries still retained (TASKHOOKS_RECORD_RETENTION_DAYS); skipped ones were never sent. */
export function successRateOf(counts: Record<DeliveryState, number>): SuccessRate {
  const finished = counts.succeeded + counts.failed;
  return {
    succeeded: counts.succeeded,
    failed: counts.failed,
    pending: counts.pending + counts.in_flight,
    rate: finished === 0 ? null : counts.succeeded / finished,
  };
}
