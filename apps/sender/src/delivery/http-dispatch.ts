import type { Dispatcher, Pool } from 'undici';
import type { HttpMethod } from '../store/types.js';
import { classifyDispatchError, DESTINATION_BLOCKED_CODE } from './classify-error.js';
import { type DispatchResult, isSuccessStatus, loggableText } from './dispatch-result.js';
import { PoolCache } from './pool-cache.js';

export interface OutboundRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DispatchOptions {
  /**
   * Per-attempt budget covering connect, headers and body; clamped to the dispatcher's maximum.
   * A body still arriving when it runs out is cut off; the status already received stands.
   */
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
  /**
   * undici `connect` option for every pool: the SSRF guard's hook (raise DESTINATION_BLOCKED_CODE).
   * A function is called with `timeout` = maxTimeoutMs added to undici's options (see
   * ConnectOptionsWithTimeout) and should bound the connect by that, not by a default of its own.
   */
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
    // The attempt timer bounds the whole attempt; the connect phase may use all of the longest one.
    connectTimeoutMs: maxTimeoutMs,
    ...(options.connect === undefined ? {} : { connect: options.connect }),
  });

  // One listener per caller signal (the worker passes its shutdown signal to every attempt)
  // instead of an AbortController and a listener per request.
  const bySignal = new WeakMap<AbortSignal, Set<ResponseCollector>>();
  const watch = (signal: AbortSignal, collector: ResponseCollector) => {
    let collectors = bySignal.get(signal);
    if (!collectors) {
      const watched = new Set<ResponseCollector>();
      collectors = watched;
      bySignal.set(signal, watched);
      signal.addEventListener('abort', () => {
        for (const c of watched) c.cancel('aborted');
        watched.clear();
      });
    }
    collectors.add(collector);
    return collectors;
  };

  async function dispatch(request: OutboundRequest, opts: DispatchOptions = {}): Promise<DispatchResult> {
    const started = performance.now();
    const target = parseTarget(request.url);
    if (typeof target === 'string') return failure('blocked', target, elapsedSince(started));
    if (opts.signal?.aborted)
      return failure('aborted', 'attempt aborted by the worker', elapsedSince(started));

    const timeoutMs = Math.min(Math.max(opts.timeoutMs ?? defaultTimeoutMs, 1), maxTimeoutMs);
    return pools.with(target.origin, (pool) => {
      const collector = new ResponseCollector(started, excerptBytes, drainLimitBytes);
      const watched = opts.signal ? watch(opts.signal, collector) : null;
      const timer = setTimeout(() => collector.cancel('timeout'), timeoutMs);
      collector.done.finally(() => {
        clearTimeout(timer);
        watched?.delete(collector);
      });
      try {
        pool.dispatch(
          {
            origin: target.origin,
            path: target.path,
            method: request.method,
            headers: request.headers,
            body: request.body,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          },
          collector,
        );
      } catch (error) {
        collector.onResponseError(null, error as Error);
      }
      return collector.done;
    });
  }

  return { dispatch, close: () => pools.close() };
}

const elapsedSince = (started: number) => Math.round(performance.now() - started);

/**
 * undici's low-level handler for one attempt: keeps the status, the headers and the first
 * `excerptBytes` of the body, drains a little more so the socket can be reused, and cuts the
 * connection past that so a huge or endless body costs neither memory nor time. Once the status
 * is known it decides the outcome, so a body that breaks off midway only shortens the excerpt.
 *
 * Why not `pool.request`: it wraps every response in a Readable stream read through an async
 * iterator, plus an AbortController per attempt; on the delivery hot path that layer cost more
 * CPU than the HTTP exchange itself.
 */
class ResponseCollector implements Dispatcher.DispatchHandler {
  readonly done: Promise<DispatchResult>;
  #resolve!: (result: DispatchResult) => void;
  #controller: Dispatcher.DispatchController | null = null;
  #cancelled: 'timeout' | 'aborted' | null = null;
  #settled = false;
  #status: number | null = null;
  #headers: Dispatcher.ResponseData['headers'] = {};
  #chunks: Buffer[] = [];
  #kept = 0;
  #seen = 0;

  constructor(
    private readonly started: number,
    private readonly excerptBytes: number,
    private readonly drainLimit: number,
  ) {
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Our timer or the caller's signal: ends the attempt now, whatever undici is doing. */
  cancel(reason: 'timeout' | 'aborted'): void {
    if (this.#settled) return;
    this.#cancelled = reason;
    // Settle first: the abort below re-enters through onResponseError.
    if (this.#status !== null) this.#answer(false);
    else this.#fail(new Error(reason));
    this.#controller?.abort(new Error(reason === 'timeout' ? 'attempt timed out' : 'attempt aborted'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#cancelled) controller.abort(new Error(this.#cancelled));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Dispatcher.ResponseData['headers'],
  ): void {
    // 1xx informational (102, 103): the real answer follows. An unsolicited 100 Continue never
    // gets here: undici 7 (HTTP/1.1) destroys the socket on it ("UND_ERR_SOCKET: bad response"),
    // so the attempt is recorded as a network failure and retried even if the receiver went on to
    // process it. undici offers no way to accept it: `expectContinue` is HTTP/2 only and an
    // `expect` request header throws NotSupportedError. Receivers must not send one unasked.
    if (statusCode < 200) return;
    this.#status = statusCode;
    this.#headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#seen += chunk.length;
    if (this.#kept < this.excerptBytes) {
      const part = chunk.subarray(0, this.excerptBytes - this.#kept);
      this.#chunks.push(part);
      this.#kept += part.length;
    }
    if (this.#seen > this.excerptBytes + this.drainLimit) {
      // Enough: give up the connection rather than read the rest.
      this.#answer(false);
      controller.abort(new Error('response body beyond the drain limit'));
    }
  }

  onResponseEnd(): void {
    this.#answer(true);
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    // After the status arrived the outcome is decided: a body breaking off only cuts the excerpt.
    if (this.#status !== null) this.#answer(false);
    else this.#fail(error);
  }

  #answer(complete: boolean): void {
    if (this.#settled) return;
    this.#settled = true;
    const text = loggableText(
      excerptDecoder.decode(this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks)),
    );
    const truncated = !complete || this.#seen > this.#kept;
    this.#resolve(
      describeResponse(this.#status!, this.#headers, { text, truncated }, elapsedSince(this.started)),
    );
  }

  #fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    const state = { timedOut: this.#cancelled === 'timeout', aborted: this.#cancelled === 'aborted' };
    const classified = classifyDispatchError(error, state);
    this.#resolve(failure(classified.kind, classified.message, elapsedSince(this.started)));
  }
}

const excerptDecoder = new TextDecoder('utf-8', { fatal: false });

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

function describeResponse(
  status: number,
  responseHeaders: Dispatcher.ResponseData['headers'],
  excerpt: Excerpt,
  durationMs: number,
): DispatchResult {
  const headers = normaliseHeaders(responseHeaders);
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
