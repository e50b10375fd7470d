import type http from 'node:http';
import { getTRPCErrorFromUnknown, getTRPCErrorShape, TRPCError, transformTRPCResponse } from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { ApiContext } from '../api/context.js';
import { retryAfterOf } from '../api/rate-limit.js';
import { appRouter } from '../api/router.js';
import { type DirectPublishCall, directPublishCalls } from '../api/routers/events.js';
import { authorizeCall, mapProcedureError } from '../api/trpc.js';
import { jsonSyntaxProblem } from './json-syntax-problem.js';

/**
 * `events.publish` and `events.publishBatch` over plain node:http, answering exactly what the tRPC
 * standalone adapter answers (same body bytes, status and headers that matter) — it runs the very
 * same procedure (auth, rate limit, input/output schemas, error mapping) and formats errors with
 * tRPC's own shape and status functions.
 *
 * Why: the adapter turns every request into a fetch `Request` (headers copied into a `Headers`,
 * the body re-streamed through a web ReadableStream, AbortControllers per request and per call)
 * and streams the answer back through a WritableStream. For a one-event publish that layer cost
 * about two thirds of the CPU of the whole call, and publish is the hot path. Everything else
 * (queries, batching `?batch=1`, other content types, other methods) still goes through tRPC.
 *
 * The procedure itself is called as its parts (authorizeCall, the input schema, the work, the
 * output schema, mapProcedureError), in the order tRPC's middleware chain runs them: that chain
 * copies its options object at every step and was ~5 % of the sender's CPU at 1k publishes/s.
 */
export interface PublishFastPathOptions {
  /** The same context the tRPC handler builds (services + authenticated caller). */
  createContext: (req: http.IncomingMessage) => Promise<ApiContext>;
  /** Largest request body read, in bytes (the tRPC handler's `maxBodySize`). */
  maxBodySize: number;
  /** The tRPC handler's `onError` (logging of internal errors). */
  onError: (details: { error: TRPCError; path: string }) => void;
}

const FAST_PROCEDURES = new Map<string, { path: string; call: DirectPublishCall }>(
  [...directPublishCalls].map(([path, call]) => [`/trpc/${path}`, { path, call }] as const),
);

/** Returns a handler that answers a publish call and returns true, or returns false (not handled). */
export function createPublishFastPath(
  options: PublishFastPathOptions,
): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  return (req, res) => {
    // Only the plain form: a query string (batching, method override) or another content type
    // gets tRPC's full handling, so nothing unusual is ever answered differently.
    const procedure = req.method === 'POST' ? FAST_PROCEDURES.get(req.url ?? '') : undefined;
    if (!procedure || !isJsonContentType(req.headers['content-type'])) return false;
    void answer(options, procedure, req, res);
    return true;
  };
}

/** As tRPC decides: the media type before any `;` parameter, case-insensitively. */
function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().split(';', 1)[0]?.trim() === 'application/json';
}

async function answer(
  options: PublishFastPathOptions,
  { path, call }: { path: string; call: DirectPublishCall },
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  let ctx: ApiContext | undefined;
  let input: unknown;
  let body: { result: { data: unknown } } | { error: unknown };
  let error: TRPCError | null = null;
  try {
    ctx = await options.createContext(req);
    const caller = authorizeCall(ctx, path);
    // Read after auth and rate limit, exactly when tRPC reads it.
    input = await readInput(req, options.maxBodySize);
    const data = await call.run({ ...ctx, caller }, parseOrThrow(call.input, input, 'BAD_REQUEST'));
    body = { result: { data: parseOrThrow(call.output, data, 'INTERNAL_SERVER_ERROR') } };
  } catch (cause) {
    error = mapProcedureError(getTRPCErrorFromUnknown(cause));
    options.onError({ error, path });
    const config = appRouter._def._config;
    body = { error: getTRPCErrorShape({ config, ctx, error, input, path, type: 'mutation' }) };
  }
  const text = JSON.stringify(transformTRPCResponse(appRouter._def._config, body as never));
  const headers: http.OutgoingHttpHeaders = {
    vary: 'trpc-accept, accept',
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  };
  const retryAfter = error ? retryAfterOf([error]) : undefined;
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  const status = getHTTPStatusCode(body as never, error ? [error] : []);
  if (!res.headersSent) res.writeHead(status, headers);
  res.end(text);
}

/** As tRPC's input and output middlewares: a failed parse is a TRPCError caused by the schema's error. */
function parseOrThrow(
  schema: DirectPublishCall['input'],
  value: unknown,
  code: 'BAD_REQUEST' | 'INTERNAL_SERVER_ERROR',
) {
  try {
    return schema.parse(value);
  } catch (cause) {
    throw code === 'BAD_REQUEST'
      ? new TRPCError({ code, cause })
      : new TRPCError({ code, message: 'Output validation failed', cause });
  }
}

/** The JSON body (undefined when empty); unreadable or malformed is the caller's error (400), as in tRPC. */
async function readInput(req: http.IncomingMessage, limit: number): Promise<unknown> {
  try {
    const text = await readBody(req, limit);
    return text ? JSON.parse(text) : undefined;
  } catch (cause) {
    if (cause instanceof TRPCError) throw cause;
    throw new TRPCError({ code: 'BAD_REQUEST', message: jsonSyntaxProblem(cause), cause });
  }
}

/** The body as text (UTF-8, BOM dropped like fetch's `text()`), refused past `limit` bytes. */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
    };
    const onEnd = () => {
      cleanup();
      resolve(decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    };
    const onFail = (failure: Error) => {
      cleanup();
      reject(failure);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
  });
}

const decoder = new TextDecoder();
