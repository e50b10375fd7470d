import { z } from 'zod';
import { formatError } from '../shared/format-error.js';

/** Every timestamp of this catalog is UTC with exactly three fractional digits, as the seed shows. */
export function isoMillisUtc(description: string) {
  return z.iso
    .datetime({
      precision: 3,
      error: formatError(
        'a UTC date-time with exactly three fractional digits, e.g. "2026-02-16T01:23:45.678Z"',
      ),
    })
    .describe(`${description} ISO 8601 UTC with milliseconds, e.g. \`2026-02-16T01:23:45.678Z\`.`);
}

/** Ids of the extension platform are opaque strings (`lock_id`, `tr_1739665200000`, …). */
export function platformId(what: string) {
  return z.string().min(1).max(200).describe(`Opaque id of ${what}.`);
}

/**
 * What caused a lock/task change. The seed shows `keyholder` and `dice`; the other values are the
 * remaining actors and mechanisms of this catalog (see DECISIONS.md). Lenient parsing accepts any string.
 */
export const changeSourceSchema = z
  .enum(['keyholder', 'wearer', 'dice', 'task', 'hygiene', 'extension', 'system'])
  .describe(
    'What caused the change: the `keyholder` or `wearer` by hand, a `dice` roll, a `task` outcome, a `hygiene` penalty, the `extension` itself, or a `system` job.',
  );

/** A signed number of seconds: positive adds lock time, negative removes it. */
export function signedSeconds(description: string) {
  return z.number().int().describe(`${description} Whole seconds; positive adds time, negative removes it.`);
}

// RFC 3986 characters of each part, percent-escapes written out, ASCII only. z.url() alone checks
// with WHATWG `new URL`, which also takes spaces, non-ASCII and stray `%` that the published
// schema's `format: uri` refuses: a sender could publish a URL a receiver's validator rejects.
const PCT = '%[0-9A-Fa-f]{2}';
const UNRESERVED_SUB_DELIMS = "-A-Za-z0-9._~!$&'()*+,;=";
const HOST = `(?:\\[[0-9A-Fa-f:.]+\\]|(?:[${UNRESERVED_SUB_DELIMS}]|${PCT})+)`;
const SEGMENTS = `(?:/(?:[${UNRESERVED_SUB_DELIMS}:@]|${PCT})*)*`;
const QUERY_OR_FRAGMENT = `(?:[${UNRESERVED_SUB_DELIMS}:@/?]|${PCT})*`;
const USERINFO = `(?:(?:[${UNRESERVED_SUB_DELIMS}:]|${PCT})*@)?`;
// The scheme is case-insensitive (RFC 3986 §3.1): `HTTPS://…` is as good as `https://…`.
const RFC3986_HTTP_URL = new RegExp(
  `^[Hh][Tt][Tt][Pp][Ss]?://${USERINFO}${HOST}(?::[0-9]{1,5})?${SEGMENTS}(?:\\?${QUERY_OR_FRAGMENT})?(?:#${QUERY_OR_FRAGMENT})?$`,
);
const HTTP_URL_MESSAGE = 'must be an absolute http(s) URL (RFC 3986: no spaces, non-ASCII percent-encoded)';

/**
 * An absolute http(s) URL that both RFC 3986 (the published schema's `format: uri`) and WHATWG URL
 * parsing accept, checked on the text as sent. Not z.url(): it answers the WHATWG-normalised URL,
 * so a tab or a space inside the value passed and the check after it saw another string. The
 * check is a refinement, so the published schema stays `format: uri` (a narrower sender is
 * compatible with every receiver written against it).
 */
export function httpUrl(description: string) {
  return z
    .string()
    .refine((value) => RFC3986_HTTP_URL.test(value) && URL.canParse(value), { error: HTTP_URL_MESSAGE })
    .meta({ format: 'uri' })
    .describe(description);
}

export function nonNegativeInt(description: string) {
  return z.number().int().nonnegative().describe(description);
}
