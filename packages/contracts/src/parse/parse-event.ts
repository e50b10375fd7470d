import type { z } from 'zod';
import {
  type AnyPayloadOf,
  type EventName,
  getEventSchema,
  getModel,
  isEventOf,
  listEvents,
  type ModelId,
  type PayloadOf,
} from '../registry/registry.js';
import { compiledSchema } from './compiled.js';
import { ContractError, type ContractIssue, issuesFromZod } from './contract-error.js';
import { type LenientPayload, toLenientSchema } from './lenient.js';

export type ParseMode = 'strict' | 'lenient';

export interface ParseOptions<Mode extends ParseMode = 'strict'> {
  /**
   * `strict` (default, for senders): the exact contract — unknown fields and undocumented enum
   * values are rejected. `lenient` (for receivers): unknown fields are kept and unknown enum
   * values pass through, so a newer sender never breaks an older receiver.
   */
  mode?: Mode;
}

export type ParsedPayload<M extends ModelId, Mode extends ParseMode> = Mode extends 'lenient'
  ? { [E in EventName<M>]: LenientPayload<PayloadOf<M, E>> }[EventName<M>]
  : AnyPayloadOf<M>;

export type ParseResult<T> =
  | { success: true; data: T; error?: undefined }
  | { success: false; data?: undefined; error: ContractError };

/**
 * Validates a raw payload against its model: reads the `event` field, picks that event's schema
 * and returns the typed payload, or a {@link ContractError} listing every failing path.
 */
export function parseEvent<M extends ModelId, Mode extends ParseMode = 'strict'>(
  model: M,
  raw: unknown,
  options: ParseOptions<Mode> = {},
): ParseResult<ParsedPayload<M, Mode>> {
  getModel(model);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return failure(model, undefined, '', 'invalid_type', `expected a JSON object, received ${describe(raw)}`);
  }
  const event = (raw as Record<string, unknown>).event;
  if (typeof event !== 'string') {
    return failure(
      model,
      undefined,
      'event',
      'invalid_type',
      `expected the event name as a string, received ${describe(event)}`,
    );
  }
  if (!isEventOf(model, event)) {
    return failure(
      model,
      event,
      'event',
      'unknown_event',
      `"${event}" is not an event of ${model}; known events: ${listEvents(model).join(', ')}`,
    );
  }
  const strictSchema = getEventSchema(model, event) as z.ZodObject;
  const schema = compiledSchema(options.mode === 'lenient' ? toLenientSchema(strictSchema) : strictSchema);
  const result = schema.safeParse(raw);
  if (result.success) return { success: true, data: result.data as ParsedPayload<M, Mode> };
  return { success: false, error: new ContractError(model, event, issuesFromZod(result.error)) };
}

/** Like {@link parseEvent} but for one known event; throws {@link ContractError} on failure. */
export function assertPayload<M extends ModelId, E extends EventName<M>>(
  model: M,
  event: E,
  raw: unknown,
): PayloadOf<M, E> {
  const result = parseEvent(model, raw);
  if (!result.success) throw result.error;
  const received = (result.data as { event: string }).event;
  if (received !== event) {
    throw new ContractError(model, event, [
      { path: 'event', code: 'invalid_value', message: `expected "${event}", received "${received}"` },
    ]);
  }
  return result.data as PayloadOf<M, E>;
}

function failure(model: string, event: string | undefined, path: string, code: string, message: string) {
  return { success: false as const, error: new ContractError(model, event, [{ path, code, message }]) };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * What a sender must pass before emitting: the strict contract plus the model's cross-field
 * invariants. Returns every failing path at once.
 */
export function validateOutgoing<M extends ModelId>(model: M, raw: unknown): ParseResult<AnyPayloadOf<M>> {
  const parsed = parseEvent(model, raw);
  if (!parsed.success) return parsed;
  const invariants = getModel(model).invariants as ((payload: unknown) => ContractIssue[]) | undefined;
  const issues = invariants ? invariants(parsed.data) : [];
  if (issues.length === 0) return parsed;
  return {
    success: false,
    error: new ContractError(model, (parsed.data as { event: string }).event, issues),
  };
}
