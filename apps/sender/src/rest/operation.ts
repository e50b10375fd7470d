import type { ProcedurePath } from '@taskhooks/sender-client';
import type { z } from 'zod';
import type { RestRoute } from '../api/meta.js';

/**
 * One REST operation: an HTTP method + path template answered by one tRPC procedure. Generic
 * operations (from a procedure's `.meta({ rest })`) pass the request straight to the procedure;
 * derived ones (the seed-003 `/api/webhooks` resource) validate a request schema derived from the
 * procedure's own input and map it.
 */
export interface RestOperation {
  operationId: string;
  method: RestRoute['method'];
  /** OpenAPI template, e.g. `/api/webhooks/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  status: number;
  procedure: ProcedurePath;
  /** Names of the `{…}` segments of `path`. */
  pathParams: string[];
  /**
   * Everything the caller sends (path params + query or body) as ONE object schema: what the
   * OpenAPI document shows and, for derived operations, what is validated before mapping.
   */
  request: z.ZodType;
  /** Derived operations: validate `request` first, then map its output to the procedure input. */
  toInput?: (request: Record<string, unknown>) => unknown;
  response: z.ZodType;
  toResponse?: (output: unknown) => unknown;
  /** Request headers the procedure reads (e.g. Idempotency-Key), documented in OpenAPI. */
  requestHeaders?: Record<string, string>;
}

export function pathParamsOf(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}

export const hasBody = (method: string) => method === 'POST' || method === 'PUT' || method === 'PATCH';
