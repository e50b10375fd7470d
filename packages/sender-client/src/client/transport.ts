import { type ApiProcedures, apiProcedures, type ProcedurePath } from '../api-schemas/procedures.js';
import { type ApiIssue, SenderApiError, SenderConnectionError } from './errors.js';
import {
  backoffDelayMs,
  classifyNetworkError,
  classifyStatus,
  type FailureKind,
  parseRetryAfter,
  type ResolvedRetryOptions,
} from './retry.js';

export interface TransportOptions {
  /** Base URL of the sender, e.g. http://127.0.0.1:8787 (tRPC is served under /trpc). */
  url: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  retry: ResolvedRetryOptions;
  /** Called before each retry (logging, tests). */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  procedure: string;
  /** The retry about to be made (1 = first retry). */
  retry: number;
  delayMs: number;
  reason: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export type Call = <P extends ProcedurePath>(
  path: P,
  input: unknown,
  options?: CallOptions,
) => Promise<unknown>;

interface TrpcErrorBody {
  error?: {
    message?: string;
    data?: { code?: string; httpStatus?: number; reason?: string; issues?: ApiIssue[] };
  };
}

/**
 * Calls one procedure over tRPC's HTTP wire format (queries GET with `?input=`, mutations POST),
 * repeating transient failures: always when the sender provably did nothing (429, connection
 * refused), and on 502/503/504 or a broken connection only for calls that are safe to repeat.
 */
export function createTransport(options: TransportOptions): Call {
  const base = options.url.replace(/\/+$/, '');
  return async (path, input, callOptions = {}) => {
    const procedure: ApiProcedures[ProcedurePath] = apiProcedures[path];
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await send(base, path, procedure.type, input, options, callOptions.signal);
      } catch (error) {
        if (callOptions.signal?.aborted) throw error;
        const kind = classifyNetworkError(error);
        if (!(await mayRetry(kind, attempt, undefined, String(error)))) {
          throw new SenderConnectionError(path, attempt, { cause: error });
        }
        continue;
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        // The answer broke off. A success may have been acted on, as for a connection lost
        // mid-request; an error status still says what happened (a cut-off 429 did nothing).
        if (callOptions.signal?.aborted) throw error;
        if (response.ok) {
          if (!(await mayRetry('ambiguous', attempt, undefined, String(error)))) {
            throw new SenderConnectionError(path, attempt, { cause: error });
          }
          continue;
        }
        text = '';
      }
      if (response.ok) return resultOf(text, response, path, attempt);
      const error = toApiError(text, response, path, attempt);
      if (
        !(await mayRetry(classifyStatus(response.status), attempt, error.retryAfterSeconds, error.reason))
      ) {
        throw error;
      }
    }

    async function mayRetry(
      kind: FailureKind,
      attempt: number,
      retryAfterSeconds: number | undefined,
      reason: string,
    ): Promise<boolean> {
      if (kind === 'final' || attempt > options.retry.retries) return false;
      if (kind === 'ambiguous' && !procedure.repeatable) return false;
      if (retryAfterSeconds !== undefined && retryAfterSeconds * 1000 > options.retry.maxRetryAfterMs) {
        return false;
      }
      const delayMs = backoffDelayMs(attempt, options.retry, retryAfterSeconds);
      options.onRetry?.({ procedure: path, retry: attempt, delayMs, reason });
      await sleep(delayMs, callOptions.signal);
      return true;
    }
  };
}

function send(
  base: string,
  path: string,
  type: 'query' | 'mutation',
  input: unknown,
  options: TransportOptions,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}` };
  const init: RequestInit = { headers, ...(signal ? { signal } : {}) };
  if (type === 'query') {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return options.fetch(`${base}/trpc/${path}${query}`, init);
  }
  headers['content-type'] = 'application/json';
  return options.fetch(`${base}/trpc/${path}`, {
    ...init,
    method: 'POST',
    body: JSON.stringify(input ?? {}),
  });
}

/** The `result.data` of a tRPC answer; a 2xx that is not one (a proxy's page) is an error, not data. */
function resultOf(text: string, response: Response, procedure: string, attempts: number): unknown {
  let body: { result?: { data?: unknown } } | null = null;
  try {
    body = JSON.parse(text) as { result?: { data?: unknown } } | null;
  } catch {
    // Not JSON: handled below with the other shapes that are not a tRPC result.
  }
  if (body === null || typeof body !== 'object' || !('result' in body)) {
    throw new SenderApiError({
      status: response.status,
      reason: 'invalid_response',
      message: `expected a tRPC result from the sender, got ${JSON.stringify(text.slice(0, 120))} (is something else answering at this URL?)`,
      procedure,
      attempts,
    });
  }
  return body.result?.data;
}

function toApiError(text: string, response: Response, procedure: string, attempts: number): SenderApiError {
  let body: TrpcErrorBody = {};
  try {
    body = JSON.parse(text) as TrpcErrorBody;
  } catch {
    // A proxy or load balancer answered (HTML, plain text): no tRPC body to read.
  }
  const data = body.error?.data;
  return new SenderApiError({
    status: response.status,
    reason: data?.reason ?? data?.code?.toLowerCase() ?? reasonOfStatus(response.status),
    message: body.error?.message ?? (text.slice(0, 200) || response.statusText || 'request failed'),
    issues: (data?.issues ?? []).map((issue) => ({
      path: issue.path,
      message: issue.message,
      ...(issue.code ? { code: issue.code } : {}),
    })),
    procedure,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    attempts,
  });
}

function reasonOfStatus(status: number): string {
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status === 429) return 'rate_limited';
  return `http_${status}`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
