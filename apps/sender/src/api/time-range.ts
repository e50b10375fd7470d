import { SenderError } from '../errors/sender-errors.js';

/** A listing window whose start is after its end can only be a mistake: say so instead of an empty page. */
export function checkTimeRange(since: number | undefined, until: number | undefined): void {
  if (since === undefined || until === undefined || since <= until) return;
  // Past year 275760 a Date cannot be formatted: show the number.
  const at = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));
  throw new SenderError('invalid_request', `since: ${at(since)} is after until (${at(until)})`, [
    { path: 'since', code: 'invalid_range', message: `after until (${at(until)}); swap them?` },
  ]);
}
