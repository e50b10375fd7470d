import { SenderError } from '../errors/sender-errors.js';

/** A listing window whose start is after its end can only be a mistake: say so instead of an empty page. */
export function checkTimeRange(since: number | undefined, until: number | undefined): void {
  if (since === undefined || until === undefined || since <= until) return;
  const at = (ms: number) => new Date(ms).toISOString();
  throw new SenderError('invalid_request', `since: ${at(since)} is after until (${at(until)})`, [
    { path: 'since', code: 'invalid_range', message: `after until (${at(until)}); swap them?` },
  ]);
}
