import type http from 'node:http';
import { type ApiServices, type Caller, idempotencyKeyHeaderOf } from '../api/context.js';
import { appRouter } from '../api/router.js';
import { createCallerFactory, zodIssuesOf } from '../api/trpc.js';
import { sendJson } from '../server/send-json.js';
import { hasBody, type RestOperation } from './operation.js';
import { queryToInput } from './query-params.js';
import { readJsonBody } from './read-body.js';
import { type RestError, restError, toRestError } from './rest-errors.js';
import { RouteTable } from './route-table.js';

export interface RestHandlerOptions {
  services: ApiServices;
  authenticate: (authorization: string | undefined) => Promise<Caller | null> | Caller | null;
  operations: readonly RestOperation[];
  maxBodyBytes: number;
  /** Unexpected (5xx) failures; never given request bodies, which may hold secrets. */
  onInternalError?: (error: unknown, operationId: string) => void;
}

const createCaller = createCallerFactory(appRouter);

/**
 * Serves REST operations by calling the same tRPC procedures (auth, rate limits, validation and
 * error mapping included) through a server-side caller: one implementation, two wire formats.
 */
export function createRestHandler(options: RestHandlerOptions) {
  const routes = new RouteTable(options.operations);

  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const match = routes.match(method, url.pathname);
    if (match.kind === 'not_found') {
      return sendError(res, restError(404, 'not_found', `no route for ${method} ${url.pathname}`));
    }
    if (match.kind === 'method_not_allowed') {
      const error = restError(405, 'method_not_allowed', `${method} is not supported on ${url.pathname}`);
      error.headers.allow = match.allowed.join(', ');
      return sendError(res, error);
    }
    if (match.kind === 'invalid_param') {
      const message = 'not valid percent-encoding (each % must start an escape of UTF-8 bytes)';
      return sendError(
        res,
        restError(400, 'invalid_request', `invalid request: ${match.name}: ${message}`, [
          { path: match.name, code: 'invalid_encoding', message },
        ]),
      );
    }
    const { operation, params } = match;
    try {
      const caller = await options.authenticate(req.headers.authorization);
      if (!caller) {
        return sendError(
          res,
          restError(401, 'unauthorized', 'missing or invalid API key: send `Authorization: Bearer <key>`'),
        );
      }
      const raw = await requestInput(req, url, operation, params, options.maxBodyBytes);
      if ('error' in raw) return sendError(res, raw.error);
      const input = operation.toInput ? mapInput(operation, raw.value) : raw.value;
      if (input instanceof InputError) return sendError(res, input.error);
      const procedures = createCaller({
        ...options.services,
        caller,
        ...idempotencyKeyHeaderOf(req, 1),
      }) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
      const [namespace, name] = operation.procedure.split('.') as [string, string];
      const output = await procedures[namespace]![name]!(input);
      sendJson(res, operation.status, operation.toResponse ? operation.toResponse(output) : output);
    } catch (error) {
      const mapped = toRestError(error);
      if (mapped.status >= 500) options.onInternalError?.(error, operation.operationId);
      sendError(res, mapped);
    }
  };
}

class InputError {
  constructor(readonly error: RestError) {}
}

/** Derived operations validate their own request schema, then map it to the procedure's input. */
function mapInput(operation: RestOperation, raw: Record<string, unknown>): unknown {
  const parsed = operation.request.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssuesOf(parsed.error) ?? [];
    const summary = issues.map((issue) => `${issue.path || '(request)'}: ${issue.message}`).join('; ');
    return new InputError(restError(400, 'invalid_request', `invalid request: ${summary}`, issues));
  }
  return operation.toInput!(parsed.data as Record<string, unknown>);
}

async function requestInput(
  req: http.IncomingMessage,
  url: URL,
  operation: RestOperation,
  params: Record<string, string>,
  maxBodyBytes: number,
): Promise<{ value: Record<string, unknown> } | { error: RestError }> {
  let value: Record<string, unknown>;
  if (hasBody(operation.method)) {
    const body = await readJsonBody(req, maxBodyBytes);
    if (!body.ok) return { error: body.error };
    value = body.value;
  } else {
    value = queryToInput(operation.request, url.searchParams);
  }
  for (const [name, param] of Object.entries(params)) {
    if (value[name] !== undefined && value[name] !== param) {
      return {
        error: restError(
          400,
          'invalid_request',
          `${name}: given in the path as "${param}" and differently in the request`,
          [{ path: name, code: 'conflict', message: 'the path already names it; do not repeat it' }],
        ),
      };
    }
    value[name] = param;
  }
  return { value };
}

function sendError(res: http.ServerResponse, error: RestError): void {
  // The rest of an oversized body is never read: end the connection rather than reuse it.
  const close: Record<string, string> = error.status === 413 ? { connection: 'close' } : {};
  sendJson(res, error.status, error.body, { ...error.headers, ...close });
}
