/**
 * Conversions between instants (RFC 3339 with offset), wall-clock times (no offset) and IANA
 * time zones, on top of the platform's time zone database (Intl). plan_bound_v3 renders every
 * timestamp in the family's zone, and plan_bound_v2 needs the same instant as bare wall time.
 *
 * Fractional seconds are carried as the original digits, never through Date, so precision beyond
 * milliseconds survives every conversion (offsets and zone shifts are whole seconds).
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface ParsedTimestamp {
  wall: WallTime;
  /** The fraction as written, including the dot (`.250`), or an empty string. */
  fraction: string;
  /** Minutes east of UTC, or null for a wall time without offset. */
  offsetMinutes: number | null;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Reads `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`; null when the text is not in that form. */
export function parseTimestamp(text: string): ParsedTimestamp | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const wall: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
  };
  if (!isRealWallTime(wall)) return null;
  return { wall, fraction: fraction ?? '', offsetMinutes: offset === undefined ? null : offsetOf(offset) };
}

function offsetOf(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  return sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6)));
}

function isRealWallTime(wall: WallTime): boolean {
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return false;
  const back = wallTimeAt(utcMillis(wall), 'UTC');
  return back.year === wall.year && back.month === wall.month && back.day === wall.day;
}

/** Epoch milliseconds of a wall time read as UTC (years below 100 included, unlike Date.UTC). */
function utcMillis(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * True when the platform's time zone database knows the IANA name (e.g. `Europe/Budapest`),
 * spelt with its own case: Intl ignores case, most time zone databases (Python's zoneinfo on
 * Linux, Java, PostgreSQL) do not, so `europe/budapest` would fail at the receiver.
 */
export function isKnownTimeZone(timeZone: string): boolean {
  return timeZoneSpelling(timeZone) === timeZone;
}

/**
 * How the time zone database spells the name: itself for a known name, the database's case for
 * a known name in another case, undefined for an unknown one. (An alias such as `US/Eastern` is
 * known in its own right, though Intl reports it under its canonical name.)
 */
export function timeZoneSpelling(timeZone: string): string | undefined {
  let resolved: string;
  try {
    resolved = formatterFor(timeZone).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (resolved.toLowerCase() === timeZone.toLowerCase()) return resolved;
  // An alias: Intl (Node 20 to 24) answers with the canonical name, so it cannot say how the alias
  // is spelt. Every IANA name component begins with an upper-case letter, which catches the usual
  // mistake (`us/eastern`, `etc/utc`: a name lower-cased whole); the canonical name is then the
  // spelling to suggest.
  return IANA_COMPONENTS.test(timeZone) ? timeZone : resolved;
}

const IANA_COMPONENTS = /^[A-Z][^/]*(?:\/[A-Z][^/]*)*$/;

/** The wall-clock reading of an instant in a zone. */
export function wallTimeAt(epochMillis: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMillis))) {
    parts[part.type] = part.value;
  }
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes east of UTC that the zone observes at the instant. */
export function offsetMinutesAt(epochMillis: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMillis / 1000) * 1000;
  return Math.round((utcMillis(wallTimeAt(wholeSecond, timeZone)) - wholeSecond) / 60_000);
}

const DAY = 86_400_000;

/**
 * The instant a wall time denotes in a zone. Around DST changes it resolves like Temporal's
 * `compatible` mode: a repeated hour takes the earlier instant, a skipped hour moves forward.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const asUtc = utcMillis(wall);
  const before = offsetMinutesAt(asUtc - DAY, timeZone);
  const after = offsetMinutesAt(asUtc + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset * 60_000)
    .filter((instant) => asUtc - offsetMinutesAt(instant, timeZone) * 60_000 === instant)
    .sort((a, b) => a - b);
  return candidates[0] ?? asUtc - before * 60_000;
}

/** Epoch milliseconds (whole seconds) of a parsed timestamp, reading offset-less ones in the zone. */
export function instantOf(parsed: ParsedTimestamp, timeZone: string): number {
  if (parsed.offsetMinutes === null) return instantOfWallTime(parsed.wall, timeZone);
  return utcMillis(parsed.wall) - parsed.offsetMinutes * 60_000;
}

/** `2026-04-30T18:30:00.250+02:00`: the instant as the zone's wall time with the zone's offset. */
export function renderInZone(epochMillis: number, fraction: string, timeZone: string): string {
  return `${renderWallTime(epochMillis, fraction, timeZone)}${renderOffset(offsetMinutesAt(epochMillis, timeZone))}`;
}

/** `2026-04-30T18:30:00`: the instant as the zone's wall time, without offset. */
export function renderWallTime(epochMillis: number, fraction: string, timeZone: string): string {
  const wall = wallTimeAt(epochMillis, timeZone);
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  return `${date}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${fraction}`;
}

export function renderOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Renders a timestamp (with offset, or a wall time read in the zone) as the zone's wall time
 * with the zone's offset; null when the text is not a timestamp.
 */
export function toZonedTimestamp(text: string, timeZone: string): string | null {
  const parsed = parseTimestamp(text);
  if (!parsed) return null;
  return renderInZone(instantOf(parsed, timeZone), parsed.fraction, timeZone);
}

/** Renders a timestamp as the zone's wall time without offset; null when it is not a timestamp. */
export function toWallTimeIn(text: string, timeZone: string): string | null {
  const parsed = parseTimestamp(text);
  if (!parsed) return null;
  return renderWallTime(instantOf(parsed, timeZone), parsed.fraction, timeZone);
}
