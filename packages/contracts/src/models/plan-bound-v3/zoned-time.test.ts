import { describe, expect, it } from 'vitest';
import {
  instantOfWallTime,
  isKnownTimeZone,
  offsetMinutesAt,
  parseTimestamp,
  toWallTimeIn,
  toZonedTimestamp,
} from './zoned-time.js';

describe('zoned time', () => {
  it('renders instants in the zone with the offset the zone observes then', () => {
    expect(toZonedTimestamp('2026-04-30T16:30:00Z', 'Europe/Budapest')).toBe('2026-04-30T18:30:00+02:00');
    expect(toZonedTimestamp('2026-01-15T16:30:00Z', 'Europe/Budapest')).toBe('2026-01-15T17:30:00+01:00');
    expect(toZonedTimestamp('2026-04-30T12:00:00+00:00', 'America/St_Johns')).toBe(
      '2026-04-30T09:30:00-02:30',
    );
    expect(toZonedTimestamp('2026-04-30T00:00:00Z', 'Asia/Kathmandu')).toBe('2026-04-30T05:45:00+05:45');
    expect(toZonedTimestamp('2026-04-30T00:00:00Z', 'UTC')).toBe('2026-04-30T00:00:00+00:00');
  });

  it('reads wall times without offset in the zone', () => {
    expect(toZonedTimestamp('2026-04-30T18:30:00', 'Europe/Budapest')).toBe('2026-04-30T18:30:00+02:00');
    expect(toZonedTimestamp('2026-04-30T18:30', 'America/New_York')).toBe('2026-04-30T18:30:00-04:00');
  });

  it('keeps fractional seconds digit for digit', () => {
    expect(toZonedTimestamp('2026-04-30T16:30:00.123456Z', 'Europe/Budapest')).toBe(
      '2026-04-30T18:30:00.123456+02:00',
    );
    expect(toWallTimeIn('2026-04-30T18:30:05.5+02:00', 'UTC')).toBe('2026-04-30T16:30:05.5');
  });

  it('resolves DST gaps forward and repeated hours to the earlier instant', () => {
    // Budapest skips 02:00-03:00 on 2026-03-29 and repeats 02:00-03:00 on 2026-10-25.
    expect(toZonedTimestamp('2026-03-29T02:30:00', 'Europe/Budapest')).toBe('2026-03-29T03:30:00+02:00');
    expect(toZonedTimestamp('2026-10-25T02:30:00', 'Europe/Budapest')).toBe('2026-10-25T02:30:00+02:00');
    expect(toZonedTimestamp('2026-10-25T01:30:00Z', 'Europe/Budapest')).toBe('2026-10-25T02:30:00+01:00');
    const first = instantOfWallTime(
      { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 },
      'Europe/Budapest',
    );
    expect(new Date(first).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it("converts an instant to another zone's wall time across the date line", () => {
    expect(toWallTimeIn('2026-04-30T23:30:00-10:00', 'Pacific/Kiritimati')).toBe('2026-05-01T23:30:00');
    expect(toWallTimeIn('2026-04-30T18:30:00+02:00', 'Europe/Budapest')).toBe('2026-04-30T18:30:00');
  });

  it('rejects text that is not a timestamp or names an impossible date', () => {
    expect(parseTimestamp('2026-02-30T10:00:00Z')).toBeNull();
    expect(parseTimestamp('2026-04-30 18:30:00')).toBeNull();
    expect(parseTimestamp('2026-04-30T24:00:00Z')).toBeNull();
    expect(toZonedTimestamp('yesterday', 'UTC')).toBeNull();
    expect(parseTimestamp('2026-04-30T18:30:00-05:30')?.offsetMinutes).toBe(-330);
  });

  it('knows IANA zones from the platform database', () => {
    expect(isKnownTimeZone('Europe/Budapest')).toBe(true);
    expect(isKnownTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(offsetMinutesAt(Date.parse('2026-07-01T00:00:00Z'), 'Australia/Adelaide')).toBe(570);
  });
});
