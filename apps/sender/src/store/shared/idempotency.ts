import type { IdempotencyConflict, NewMessage } from '../types.js';
import { StoreError } from './errors.js';

/** The stored message an idempotency key first named, as far as a repeat is compared with it. */
export interface OriginalRequest {
  model: string;
  event: string;
  /** null once retention purged it: a repeat can then be compared on model and event only. */
  payload_json: string | null;
}

/**
 * A publish whose idempotency key already names a DIFFERENT request. Thrown inside the publish
 * transaction, so nothing of that publish is stored; `index` is the message's place in the call,
 * `earlierIndex` that of the message it repeats when both are in the same call.
 */
export class IdempotencyConflictError extends StoreError {
  constructor(
    readonly index: number,
    readonly originalId: string,
    readonly conflict: IdempotencyConflict,
    readonly earlierIndex?: number,
  ) {
    super(
      'conflict',
      `messages[${index}].idempotencyKey: the key names message ${originalId}, whose ${conflict} differs`,
    );
  }
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
  if (original.payload_json !== null && !sameJson(original.payload_json, repeat.payloadJson))
    return 'payload';
  return undefined;
}

/**
 * Each message of `messages` that repeats an earlier one's key for a different request, as the
 * error to throw (`earlierIndex` names the earlier one). The database cannot see rows its own
 * statement inserts, so a batch is checked against itself here.
 */
export function conflictsWithinBatch(messages: readonly NewMessage[]): IdempotencyConflictError[] {
  const first = new Map<string, number>();
  const conflicts: IdempotencyConflictError[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.idempotencyKey === null) continue;
    const key = `${message.tenantId}\u0000${message.idempotencyKey}`;
    const earlierIndex = first.get(key);
    if (earlierIndex === undefined) {
      first.set(key, index);
      continue;
    }
    const earlier = messages[earlierIndex]!;
    const conflict = idempotencyConflict(
      { model: earlier.model, event: earlier.event, payload_json: earlier.payloadJson },
      message,
    );
    if (conflict) {
      conflicts.push(new IdempotencyConflictError(index, earlier.id, conflict, earlierIndex));
    }
  }
  return conflicts;
}

/**
 * Equal as JSON values: object key order does not count (a `z.record` keeps the caller's order,
 * and a payload rebuilt from a database row or a map after a restart may order keys differently).
 */
export function sameJson(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return sameValue(JSON.parse(a), JSON.parse(b));
  } catch {
    return false;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]))
  );
}
