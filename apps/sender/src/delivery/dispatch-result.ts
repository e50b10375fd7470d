/**
 * What one HTTP attempt produced, independent of how it was sent. The retry policy, the circuit
 * breaker and the attempt log all read this one shape.
 */

/**
 * - `http_status`: the endpoint answered with a non-2xx status (3xx included: redirects are never followed).
 * - `timeout`: no status line and headers within the per-attempt timeout (connect, send, or wait
 *   for the answer). Once the headers are in, the status decides: a body that then stalls past
 *   the timeout, or breaks off, is cut and only leaves a truncated excerpt (a 2xx still succeeds,
 *   since the receiver has already accepted the webhook).
 * - `network`: the connection failed (refused, reset, DNS, TLS…).
 * - `blocked`: the destination was refused before connecting (SSRF guard via the `connect` hook).
 * - `aborted`: the worker cancelled the attempt (shutdown); never recorded as an attempt.
 */
export type DispatchErrorKind = 'http_status' | 'timeout' | 'network' | 'blocked' | 'aborted';

export interface DispatchResult {
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  /** Response headers, lower-case names, multi-valued headers joined with ", ". */
  headers: Record<string, string>;
  /** First bytes of the response body decoded as UTF-8 (capped), null when there was no response. */
  bodyExcerpt: string | null;
  /** True when the body was longer than the excerpt and the rest was discarded. */
  bodyTruncated: boolean;
  durationMs: number;
  /** null on 2xx. */
  errorKind: DispatchErrorKind | null;
  /** Human readable cause; never contains request headers, secrets or the URL's path/query. */
  errorMessage: string | null;
}

export function isSuccessStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status <= 299;
}

/** Failures that say the endpoint itself is unwell (as opposed to rejecting this request). */
export function isEndpointDown(result: DispatchResult | null): boolean {
  if (!result) return false;
  if (result.errorKind === 'timeout' || result.errorKind === 'network') return true;
  return result.status === 429 || (result.status !== null && result.status >= 500);
}

/**
 * Text from the other side (a response body, a socket error) as the attempt log can keep it:
 * PostgreSQL's text type cannot hold U+0000, and a completion it refused was never recorded, so
 * the delivery was sent again after every lease. U+FFFD takes its place, on every backend alike.
 */
export function loggableText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}
