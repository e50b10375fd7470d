import http from 'node:http';
import type { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Logger } from 'pino';
import { type ApiServices, type Caller, idempotencyKeyHeaderOf } from '../api/context.js';
import { retryAfterOf } from '../api/rate-limit.js';
import { appRouter } from '../api/router.js';
import type { WebSurface } from '../portal/web-surface.js';
import { createRestHandler, type RestOperation, restError } from '../rest/index.js';
import { answerSafely, errorSummary } from './answer-safely.js';
import { answerProbe, type ProbeOptions } from './probe-routes.js';
import { createPublishFastPath } from './publish-fast-path.js';
import { sendJson } from './send-json.js';

export interface SenderHttpServerOptions extends ProbeOptions {
  services: ApiServices;
  /** Maps the Authorization header to a caller, or null when the key is missing/unknown. */
  authenticate: (authorization: string | undefined) => Promise<Caller | null> | Caller | null;
  maxBodyBytes: number;
  /**
   * True once a graceful stop began: every answer then says `Connection: close`, so keep-alive
   * clients take their next request elsewhere instead of being cut at the end of the grace period.
   */
  isStopping?: () => boolean;
  /** The REST surface under /api and its OpenAPI document at /api/openapi.json. */
  rest?: { operations: readonly RestOperation[]; openApiDocument: unknown };
  /** Requests are logged at debug level (method, path, status, duration: never headers or bodies). */
  logger?: Logger;
  /** Pages for people (endpoint portal at /portal/, docs at /docs/), by path prefix. */
  web?: WebSurface;
  /** Answer events.publish/publishBatch without the tRPC fetch adapter (same wire format); default true. */
  publishFastPath?: boolean;
}

/** The sender's HTTP surface: tRPC under /trpc, REST under /api, probes, metrics. */
export function createSenderHttpServer(options: SenderHttpServerOptions): http.Server {
  const bodyLimit = options.maxBodyBytes + 64 * 1024;
  // `calls`: procedure calls in the request, as tRPC parsed them (the publish fast path takes one).
  const createContext = async (req: http.IncomingMessage, calls = 1) => ({
    ...options.services,
    caller: await options.authenticate(req.headers.authorization),
    ...idempotencyKeyHeaderOf(req, calls),
  });
  const onError = ({ error, path }: { error: TRPCError; path: string | undefined }) => {
    // 5xx only, as the REST handler logs them: a bug, or a store that cannot take the call (503).
    if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
      options.logger?.error({ err: errorSummary(error.cause ?? error), procedure: path }, 'tRPC call failed');
    }
  };
  const fastPublish =
    options.publishFastPath === false
      ? () => false
      : createPublishFastPath({ createContext, maxBodySize: bodyLimit, onError });
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    // JSON framing around the payload is small; the payload limit itself is enforced by the publisher.
    maxBodySize: bodyLimit,
    createContext: ({ req, info }) => createContext(req, info.calls.length),
    onError,
    // A 429 tells the client when to come back (RFC 9110 §10.2.3), in whole seconds.
    responseMeta: ({ errors }) => {
      const retryAfter = retryAfterOf(errors);
      return retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } };
    },
  });
  const rest = options.rest
    ? createRestHandler({
        services: options.services,
        authenticate: options.authenticate,
        operations: options.rest.operations,
        maxBodyBytes: bodyLimit,
        onInternalError: (error, operationId) =>
          options.logger?.error({ err: errorSummary(error), operationId }, 'REST call failed'),
      })
    : null;
  const openApiText = options.rest ? JSON.stringify(options.rest.openApiDocument) : null;

  const serverOptions = options.isStopping ? { ServerResponse: closingWhenStopping(options.isStopping) } : {};
  return http.createServer(serverOptions, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (options.logger?.isLevelEnabled('debug')) logRequest(options.logger, req, res, path);
    if (answerProbe(options, path, req, res)) return;
    if (path.startsWith('/trpc/')) {
      // tRPC serves queries on GET and mutations on POST; other methods would reach its
      // "unsupported method" 500 or a content-type 415 that says nothing of the method.
      if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD') {
        const error = restError(405, 'method_not_allowed', `${req.method} is not supported on ${path}`);
        res.setHeader('allow', 'GET, HEAD, POST');
        return sendJson(res, error.status, error.body);
      }
      return fastPublish(req, res) ? undefined : trpc(req, res);
    }
    if (openApiText && path === '/api/openapi.json' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(openApiText),
      });
      return res.end(openApiText);
    }
    if (rest && path.startsWith('/api/')) return answerSafely(options.logger, res, () => rest(req, res));
    const web = options.web;
    if (web?.handles(path)) return answerSafely(options.logger, res, () => web.handle(req, res, path));
    const error = restError(404, 'not_found', `no route for ${req.method} ${path}`);
    sendJson(res, error.status, error.body);
  });
}

function logRequest(logger: Logger, req: http.IncomingMessage, res: http.ServerResponse, path: string) {
  const started = performance.now();
  res.once('finish', () =>
    logger.debug(
      {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
      },
      'http request',
    ),
  );
}

/**
 * Responses that say `Connection: close` once `isStopping()`: decided when the head is written, so
 * a request whose body was still arriving when the stop began is answered that way too.
 */
function closingWhenStopping(isStopping: () => boolean): typeof http.ServerResponse {
  class ClosingWhenStopping extends http.ServerResponse {
    override writeHead(...args: unknown[]): this {
      if (isStopping()) this.shouldKeepAlive = false;
      return (super.writeHead as (...headArgs: unknown[]) => this).apply(this, args);
    }
  }
  return ClosingWhenStopping as unknown as typeof http.ServerResponse;
}
