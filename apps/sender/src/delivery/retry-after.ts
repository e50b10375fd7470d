/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): either delay-seconds or an HTTP date.
 * Returns the delay in ms from `now`, or null when absent or unparseable (a garbage header must
 * not stall a delivery, so it is ignored rather than treated as "wait forever").
 *
 * A delay too large to represent comes back as Number.MAX_SAFE_INTEGER rather than null: the
 * receiver asked for a very long pause, and the caller caps it at the policy's maximum; ignoring
 * it would retry on the short schedule, sooner than for any smaller value.
 *
 * A header sent twice arrives joined as `120, 120` (proxies duplicate it): the first value that
 * parses counts. An HTTP date holds one comma of its own, so a piece is also tried together with
 * the one after it.
 */
export function parseRetryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const single = parseOneRetryAfter(value, now);
  if (single !== null || !value.includes(',')) return single;
  const pieces = value.split(',');
  for (let i = 0; i < pieces.length; i++) {
    const parsed =
      parseOneRetryAfter(pieces[i]!, now) ?? parseOneRetryAfter(`${pieces[i]},${pieces[i + 1]}`, now);
    if (parsed !== null) return parsed;
  }
  return null;
}

function parseOneRetryAfter(value: string, now: number): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, Number.MAX_SAFE_INTEGER);
  const at = parseHttpDate(trimmed, now);
  return at === null ? null : Math.max(0, at - now);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
const DAY = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const LONG_DAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// RFC 9110 §5.6.7. Names are case-sensitive there (%s"Mon"), and only these three forms are
// HTTP dates: Date.parse would also take "Feb 2099", and reads zone-less forms in local time.
const IMF_FIXDATE = new RegExp(`^(?:${DAY}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^(?:${LONG_DAY}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(?:${DAY}) (${MONTH}) (\\d{2}| \\d) ${TIME} (\\d{4})$`);

/**
 * Epoch ms of an RFC 9110 HTTP date (always UTC, asctime included), or null.
 *
 * The weekday must be a valid name but is not checked against the date: it is redundant, and a
 * sender that got it wrong still meant the date; rejecting it would retry on the short schedule,
 * which is what the receiver asked us not to do. Second 60 (a leap second, allowed by the
 * grammar) reads as the first second of the next minute.
 */
function parseHttpDate(text: string, now: number): number | null {
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(Number(m[3]), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  m = RFC850_DATE.exec(text);
  if (m) return utc(fullYear(Number(m[3]), now), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  m = ASCTIME_DATE.exec(text);
  if (m) return utc(Number(m[6]), m[1]!, m[2]!.trim(), m[3]!, m[4]!, m[5]!);
  return null;
}

/**
 * RFC 9110: a two-digit year that appears more than 50 years in the future is in the past
 * century; so the year is the one ending in those digits within 50 years of `now`'s.
 */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  let year = current - (current % 100) + twoDigits;
  if (year > current + 50) year -= 100;
  else if (year <= current - 50) year += 100;
  return year;
}

function utc(year: number, monthName: string, dayText: string, h: string, mi: string, s: string) {
  const month = MONTHS.indexOf(monthName);
  const day = Number(dayText);
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  // Not Date.UTC(year, …): it reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.setUTCHours(hour, minute, second);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 1) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]!;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}
