import type { Dispatcher, Pool } from 'undici';
import type { HttpMethod } from '../store/types.js';
import { classifyDispatchError, DESTINATION_BLOCKED_CODE } from './classify-error.js';
import { type DispatchResult, isSuccessStatus } from './dispatch-result.js';
import { PoolCache } from './pool-cache.js';

export interface OutboundRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DispatchOptions {
  /** Per-attempt budget covering connect, headers and body; clamped to the dispatcher's maximum. */
  timeoutMs?: number;
  /** Cancels the attempt (worker shutdown); reported as errorKind `aborted`. */
  signal?: AbortSignal;
}

export interface HttpDispatcher {
  dispatch(request: OutboundRequest, options?: DispatchOptions): Promise<DispatchResult>;
  close(): Promise<void>;
}

export interface HttpDispatcherOptions {
  defaultTimeoutMs?: number;
  maxTimeoutMs?: number;
  /** How much of the response body is kept for the attempt log. */
  bodyExcerptBytes?: number;
  /** Beyond the excerpt, read (and drop) up to this many bytes to keep the connection reusable. */
  drainLimitBytes?: number;
  connectionsPerOrigin?: number;
  poolIdleMs?: number;
  keepAliveTimeoutMs?: number;
  /** undici `connect` option for every pool: the SSRF guard's hook (raise DESTINATION_BLOCKED_CODE). */
  connect?: Pool.Options['connect'];
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_BODY_EXCERPT_BYTES = 4096;

/** Sends webhook requests over pooled keep-alive connections; never follows redirects. */
export function createHttpDispatcher(options: HttpDispatcherOptions = {}): HttpDispatcher {
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxTimeoutMs = options.maxTimeoutMs ?? Math.max(defaultTimeoutMs, 30_000);
  const excerptBytes = options.bodyExcerptBytes ?? DEFAULT_BODY_EXCERPT_BYTES;
  const drainLimitBytes = options.drainLimitBytes ?? 64 * 1024;
  const pools = new PoolCache({
    idleMs: options.poolIdleMs ?? 60_000,
    connectionsPerOrigin: options.connectionsPerOrigin ?? 64,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 30_000,
    ...(options.connect === undefined ? {} : { connect: options.connect }),
  });

  async function dispatch(request: OutboundRequest, opts: DispatchOptions = {}): Promise<DispatchResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const target = parseTarget(request.url);
    if (typeof target === 'string') return failure('blocked', target, elapsed());

    const timeoutMs = Math.min(Math.max(opts.timeoutMs ?? defaultTimeoutMs, 1), maxTimeoutMs);
    const controller = new AbortController();
    const state = { timedOut: false, aborted: false };
    const timer = setTimeout(() => {
      state.timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onExternalAbort = () => {
      state.aborted = true;
      controller.abort();
    };
    if (opts.signal?.aborted) onExternalAbort();
    opts.signal?.addEventListener('abort', onExternalAbort, { once: true });

    try {
      return await pools.with(target.origin, async (pool) => {
        const response = await pool.request({
          path: target.path,
          method: request.method,
          headers: request.headers,
          body: request.body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: controller.signal,
        });
        const excerpt = await readExcerpt(response.body, excerptBytes, drainLimitBytes);
        return describeResponse(response, excerpt, elapsed());
      });
    } catch (error) {
      const classified = classifyDispatchError(error, state);
      return failure(classified.kind, classified.message, elapsed());
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onExternalAbort);
    }
  }

  return { dispatch, close: () => pools.close() };
}

function parseTarget(url: string): { origin: string; path: string } | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'endpoint URL is not a valid absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `endpoint URL scheme ${parsed.protocol} is not http: or https:`;
  }
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

interface Excerpt {
  text: string;
  truncated: boolean;
}

/**
 * Keeps the first `excerptBytes`; drains a little more so the socket can be reused, then gives up
 * on the rest (leaving the loop destroys the stream and its connection) so a huge or endless body
 * costs neither memory nor time. Once the status is known it decides the outcome, so a body that
 * breaks off midway only shortens the excerpt.
 */
async function readExcerpt(body: Dispatcher.ResponseData['body'], excerptBytes: number, drainLimit: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  let seen = 0;
  let complete = false;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (kept < excerptBytes) {
        const part = chunk.subarray(0, excerptBytes - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (seen > excerptBytes + drainLimit) break;
    }
    complete = seen <= excerptBytes + drainLimit;
  } catch {
    complete = false;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  return { text, truncated: !complete || seen > kept } satisfies Excerpt;
}

function describeResponse(
  response: Dispatcher.ResponseData,
  excerpt: Excerpt,
  durationMs: number,
): DispatchResult {
  const headers = normaliseHeaders(response.headers);
  const status = response.statusCode;
  const base = { status, headers, bodyExcerpt: excerpt.text, bodyTruncated: excerpt.truncated, durationMs };
  if (isSuccessStatus(status)) return { ...base, errorKind: null, errorMessage: null };
  const message =
    status >= 300 && status <= 399
      ? `HTTP ${status}: redirect${describeLocation(headers.location)} not followed`
      : `HTTP ${status}`;
  return { ...base, errorKind: 'http_status', errorMessage: message };
}

/** Origin and path only: a query string may carry a token. */
function describeLocation(location: string | undefined): string {
  if (!location) return '';
  try {
    const url = new URL(location, 'http://relative.invalid');
    return url.origin === 'http://relative.invalid'
      ? ` to ${url.pathname}`
      : ` to ${url.origin}${url.pathname}`;
  } catch {
    return '';
  }
}

function normaliseHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function failure(kind: DispatchResult['errorKind'], message: string, durationMs: number): DispatchResult {
  return {
    status: null,
    headers: {},
    bodyExcerpt: null,
    bodyTruncated: false,
    durationMs,
    errorKind: kind,
    errorMessage: message,
  };
}

export { DESTINATION_BLOCKED_CODE };
