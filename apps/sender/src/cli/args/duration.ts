import { usageError } from '../exit-codes.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `250ms`, `30s`, `15m`, `2h`, `7d` (or a combination such as `1h30m`) in milliseconds. */
export function parseDuration(text: string, option: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const consumed = parts.map((part) => part[0]).join('');
  if (parts.length === 0 || consumed !== text) {
    throw usageError(`--${option}: expected a duration such as 30s, 15m, 2h or 7d, got "${text}"`);
  }
  return parts.reduce((total, part) => total + Number(part[1]) * UNIT_MS[part[2]!]!, 0);
}

/**
 * A point in time given as a duration ago (`2h` = two hours before `now`) or an ISO 8601
 * date-time (`2026-05-01T00:00:00Z`), as epoch milliseconds.
 */
export function parseSince(text: string, option: string, now: number): number {
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const at = Date.parse(text);
    if (Number.isNaN(at)) throw usageError(`--${option}: "${text}" is not a valid ISO 8601 date-time`);
    if (at < 0) throw usageError(`--${option}: "${text}" is before 1970`);
    return at;
  }
  // Whole milliseconds, and not before 1970: the API takes an epoch-ms integer.
  const at = Math.round(now - parseDuration(text, option));
  if (at < 0) {
    throw usageError(`--${option}: "${text}" ago is before 1970; give a shorter duration or a date-time`);
  }
  return at;
}

/** A positive whole number option, e.g. --count or --limit. */
export function parsePositiveInt(
  text: string | undefined,
  option: string,
  fallback: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  // Digits only: Number() would also take "1e2", "0x10", " 5" and "".
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw usageError(`--${option}: expected a whole number from 1 to ${max}, got "${text}"`);
  }
  return value;
}
