import type { ContractIssue } from '../../parse/contract-error.js';

/** Collects invariant violations; every message names the value found and what it should be. */
export class InvariantReport {
  readonly issues: ContractIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message, code: 'invariant' });
  }
}

/** Renders a value as it appears in JSON, so messages show `"failed"` vs `null` unambiguously. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?Z?$/;
const NUMERIC_OFFSET = /[+-]\d{2}:?\d{2}$/;

/**
 * Whether datetime `a` is before `b`. v2's datetimes (server local time; seconds, fraction and a
 * bare `Z` optional) compare by their wall-clock digits: `Date.parse` would read them in the
 * validating process's time zone, so across a DST change, or with one value carrying `Z`, the same
 * payload passed on one host and failed on another. Values with numeric offsets (plan_bound_v3
 * runs these rules too) name instants: compared as the instant `Date.parse` reads to the
 * millisecond, then by the fraction digits beyond it (v2, which v3 events are rendered as,
 * compares those digits too, so v3 must not accept an order v2 refuses).
 */
export function isBefore(a: string, b: string): boolean {
  if (NUMERIC_OFFSET.test(a) || NUMERIC_OFFSET.test(b)) {
    const [left, right] = [instantKey(a), instantKey(b)];
    return left[0] < right[0] || (left[0] === right[0] && left[1] < right[1]);
  }
  const [left, right] = [wallClockKey(a), wallClockKey(b)];
  return left !== null && right !== null && left < right;
}

/** [epoch ms, the fraction digits after the milliseconds] of a date-time with an offset. */
function instantKey(value: string): [number, string] {
  const fraction = /\.(\d+)/.exec(value)?.[1] ?? '';
  return [Date.parse(value), fraction.slice(3).padEnd(32, '0')];
}

/** `YYYY-MM-DDTHH:MM:SS.fffffffffffff`: equal instants give equal keys whatever the precision written. */
function wallClockKey(value: string): string | null {
  const match = LOCAL_DATETIME.exec(value);
  if (!match) return null;
  const [, minutes, seconds = '00', fraction = ''] = match;
  return `${minutes}:${seconds}.${fraction.padEnd(32, '0')}`;
}
