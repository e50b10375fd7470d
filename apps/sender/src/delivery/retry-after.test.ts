import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './retry-after.js';

// Monday 16 February 2026, 01:00:00 UTC.
const T0 = Date.UTC(2026, 1, 16, 1, 0, 0);
const parse = (value: string | undefined) => parseRetryAfterMs(value, T0);

describe('parseRetryAfterMs: delay-seconds', () => {
  it.each([
    ['0', 0],
    ['120', 120_000],
    [' 120 ', 120_000],
    ['\t120\t', 120_000],
  ])('%j → %d ms', (value, expected) => {
    expect(parse(value)).toBe(expected);
  });

  // The caller caps the delay at the policy's maximum; a value too big for a safe integer must
  // still read as "very long", not as "no header".
  it.each([
    ['2^53 - 1 s (safe, but its ms are not)', '9007199254740991'],
    ['2^53 s', '9007199254740992'],
    ['20 digits', '99999999999999999999'],
    ['400 digits (Number() gives Infinity)', '9'.repeat(400)],
  ])('%s → Number.MAX_SAFE_INTEGER', (_name, value) => {
    expect(parse(value)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['-5', '1.5', '+5', '1e3', '０', '0x10'])('%j is not delay-seconds', (value) => {
    expect(parse(value)).toBeNull();
  });

  it.each([undefined, '', '   '])('absent or blank %j → null', (value) => {
    expect(parse(value)).toBeNull();
  });
});

describe('parseRetryAfterMs: HTTP date (RFC 9110 §5.6.7), always UTC', () => {
  it.each([
    ['IMF-fixdate', 'Mon, 16 Feb 2026 01:02:00 GMT', 120_000],
    ['RFC 850', 'Monday, 16-Feb-26 01:02:00 GMT', 120_000],
    ['asctime', 'Mon Feb 16 01:02:00 2026', 120_000],
    ['asctime, space-padded day', 'Mon Mar  2 01:00:00 2026', Date.UTC(2026, 2, 2, 1) - T0],
    ['asctime, two-digit day', 'Thu Mar 12 01:00:00 2026', Date.UTC(2026, 2, 12, 1) - T0],
    ['surrounding whitespace', '  Mon, 16 Feb 2026 01:02:00 GMT\t', 120_000],
    ['a mismatched weekday is tolerated', 'Fri, 16 Feb 2026 01:02:00 GMT', 120_000],
    ['leap second 60 is the next minute', 'Mon, 16 Feb 2026 01:01:60 GMT', 120_000],
    ['29 February in a leap year', 'Sun, 29 Feb 2032 00:00:00 GMT', Date.UTC(2032, 1, 29) - T0],
    ['a date in the past means no wait', 'Sun, 06 Nov 1994 08:49:37 GMT', 0],
    ['asctime in the past', 'Sun Nov  6 08:49:37 1994', 0],
    // Two-digit years: within 50 years ahead stays in this century, beyond is the last one.
    ['RFC 850 year 75 is 2075', 'Sunday, 16-Feb-75 01:00:00 GMT', Date.UTC(2075, 1, 16, 1) - T0],
    ['RFC 850 year 77 is 1977 (past)', 'Wednesday, 16-Feb-77 01:00:00 GMT', 0],
  ])('%s: %j', (_name, value, expected) => {
    expect(parse(value)).toBe(expected);
  });

  it.each([
    ['a word and a year', 'abc 2030'],
    ['month and year', 'Feb 2099'],
    ['free text', 'soon-ish'],
    ['ISO 8601', '2026-02-16T01:02:00Z'],
    ['IMF-fixdate without GMT', 'Mon, 16 Feb 2026 01:02:00'],
    ['a numeric zone', 'Mon, 16 Feb 2026 01:02:00 +0100'],
    ['UTC instead of GMT', 'Mon, 16 Feb 2026 01:02:00 UTC'],
    ['lower-case names (case-sensitive in RFC 9110)', 'mon, 16 feb 2026 01:02:00 GMT'],
    ['a long weekday in IMF-fixdate', 'Monday, 16 Feb 2026 01:02:00 GMT'],
    ['an unknown weekday', 'Mun, 16 Feb 2026 01:02:00 GMT'],
    ['an unknown month', 'Mon, 16 Fev 2026 01:02:00 GMT'],
    ['one-digit day in IMF-fixdate', 'Mon, 6 Feb 2026 01:02:00 GMT'],
    ['day 0', 'Mon, 00 Feb 2026 01:02:00 GMT'],
    ['30 February', 'Mon, 30 Feb 2026 01:02:00 GMT'],
    ['29 February in a common year', 'Sun, 29 Feb 2026 01:02:00 GMT'],
    ['31 April', 'Fri, 31 Apr 2026 01:02:00 GMT'],
    ['hour 24', 'Mon, 16 Feb 2026 24:00:00 GMT'],
    ['minute 60', 'Mon, 16 Feb 2026 01:60:00 GMT'],
    ['second 61', 'Mon, 16 Feb 2026 01:02:61 GMT'],
    ['RFC 850 with a four-digit year', 'Monday, 16-Feb-2026 01:02:00 GMT'],
    ['asctime with a zone', 'Mon Feb 16 01:02:00 2026 GMT'],
    ['asctime with one space before a two-digit-wide day', 'Mon Mar 2 01:00:00 2026'],
  ])('%s (%j) → null', (_name, value) => {
    expect(parse(value)).toBeNull();
  });

  it('does not depend on the local time zone (asctime and RFC 850 carry none)', () => {
    const saved = process.env.TZ;
    // Node re-reads the zone when TZ is assigned, so this changes how local-time parsing behaves.
    process.env.TZ = 'America/New_York';
    try {
      expect(new Date(T0).getTimezoneOffset()).toBe(300); // the zone really is in effect
      expect(parse('Mon Feb 16 01:02:00 2026')).toBe(120_000);
      expect(parse('Monday, 16-Feb-26 01:02:00 GMT')).toBe(120_000);
      expect(parse('Mon, 16 Feb 2026 01:02:00 GMT')).toBe(120_000);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('parseRetryAfterMs: a header sent twice (joined with ", ")', () => {
  it.each([
    ['120, 120', 120_000],
    ['1800, 60', 1_800_000],
    ['soon, 60', 60_000],
    ['Mon, 16 Feb 2026 01:02:00 GMT, Mon, 16 Feb 2026 01:02:00 GMT', 120_000],
    ['Monday, 16-Feb-26 01:03:00 GMT, 30', 180_000],
  ])('%j → %d ms: the first value that parses', (value, expected) => {
    expect(parse(value)).toBe(expected);
  });

  it.each(['soon, later', ', ', 'Mon, 99 Feb 2026 01:02:00 GMT, never'])('%j → null', (value) => {
    expect(parse(value)).toBeNull();
  });
});
