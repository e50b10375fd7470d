import type { DeliveryState } from '../../store/types.js';

/**
 * How many of an endpoint's newest deliveries the portal's success rate reads. A bounded window
 * keeps a page view's cost independent of the retained history (30 days by default), and a rate
 * over recent deliveries says more about an endpoint's health now than one over a month.
 */
export const RECENT_DELIVERIES = 1_000;

export interface SuccessRate {
  succeeded: number;
  failed: number;
  /** Waiting for a (next) attempt or being sent now. */
  pending: number;
  /** succeeded / (succeeded + failed), 0–1; null before anything finished. */
  rate: number | null;
  /** Deliveries read (every state, skipped ones too); equals `window` once the endpoint has more. */
  counted: number;
  /** The most deliveries read: the endpoint's newest `window`. */
  window: number;
}

/** Over an endpoint's newest `window` deliveries; skipped ones were never sent. */
export function successRateOf(counts: Record<DeliveryState, number>, window: number): SuccessRate {
  const finished = counts.succeeded + counts.failed;
  return {
    succeeded: counts.succeeded,
    failed: counts.failed,
    pending: counts.pending + counts.in_flight,
    rate: finished === 0 ? null : counts.succeeded / finished,
    counted: counts.pending + counts.in_flight + counts.succeeded + counts.failed + counts.skipped,
    window,
  };
}
