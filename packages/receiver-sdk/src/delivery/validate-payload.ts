import { type ModelId, type ParsedPayload, type ParseResult, parseEvent } from '@taskhooks/contracts';

/**
 * Lenient contract validation. parseEvent runs zod's compiled fast path (built once per event), so
 * one lenient parse decides both the common case (a sender on this exact contract version) and a
 * newer sender's extra fields or enum values, and only an invalid payload pays for the full
 * runtime parse and its issue list.
 */
export function validatePayload<M extends ModelId>(
  model: M,
  json: unknown,
): ParseResult<ParsedPayload<M, 'lenient'>> {
  return parseEvent(model, json, { mode: 'lenient' });
}
