import { isValidHeaderValue } from '../input/header-name.js';

export function assertEventName(event: unknown): asserts event is string {
  if (typeof event !== 'string' || event.length === 0 || !isValidHeaderValue(event)) {
    throw new TypeError(
      `event must be a non-empty event name without control characters or surrounding spaces (e.g. "task.completed"), got ${JSON.stringify(event)}.`,
    );
  }
}
