import type { IdempotencyConflict, NewMessage } from '../types.js';

/** The stored message an idempotency key first named, as far as a repeat is compared with it. */
export interface OriginalRequest {
  model: string;
  event: string;
  /** null once retention purged it: a repeat can then be compared on model and event only. */
  payload_json: string | null;
}

/**
 * Which part of a repeated publish differs from the message its key first stored (undefined =
 * the same request). A key names ONE request: reused for another, the second would otherwise be
 * acknowledged as a duplicate and silently dropped.
 */
export function idempotencyConflict(
  original: OriginalRequest,
  repeat: NewMessage,
): IdempotencyConflict | undefined {
  if (original.model !== repeat.model) return 'model';
  if (original.event !== repeat.event) return 'event';
  if (original.payload_json !== null && original.payload_json !== repeat.payloadJson) return 'payload';
  return undefined;
}
