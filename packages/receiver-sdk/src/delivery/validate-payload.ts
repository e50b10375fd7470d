import {
  type EventName,
  type EventSchema,
  getEventSchema,
  isEventOf,
  type ModelId,
  type ParsedPayload,
  type ParseResult,
  parseEvent,
} from '@taskhooks/contracts';

/**
 * Lenient contract validation with a fast path. A payload from a sender on this exact contract
 * version passes the strict schema, and then the strict and lenient outputs are identical (no
 * unknown keys to keep, no unknown enum values to let through), so the cheaper strict schema
 * decides the common case. Anything else gets the full lenient parse and its issue list.
 */
export function validatePayload<M extends ModelId>(
  model: M,
  json: unknown,
): ParseResult<ParsedPayload<M, 'lenient'>> {
  const event = (json as { event?: unknown }).event;
  if (isEventOf(model, event)) {
    const schema = getEventSchema(model, event as EventName<M>) as EventSchema;
    const strict = schema.safeParse(json);
    if (strict.success) return { success: true, data: strict.data as ParsedPayload<M, 'lenient'> };
  }
  return parseEvent(model, json, { mode: 'lenient' });
}
