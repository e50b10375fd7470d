import { type ApiProcedures, apiProcedures, type ProcedurePath } from '@taskhooks/sender-client';
import type { ApiMeta } from '../api/meta.js';
import { appRouter } from '../api/router.js';
import { pathParamsOf, type RestOperation } from './operation.js';

interface ProcedureDef {
  _def: { meta?: ApiMeta };
}

/** Requests whose idempotency key may come as the conventional `Idempotency-Key` header. */
const requestHeadersOf: Partial<Record<ProcedurePath, Record<string, string>>> = {
  'events.publish': {
    'Idempotency-Key': 'Used as `idempotencyKey` (1–200 characters) when the body has none.',
  },
  'events.publishBatch': {
    'Idempotency-Key':
      'Entry i of `events` without its own `idempotencyKey` uses `<this key>:<i>` (at most 200 characters), so the whole batch can be retried safely.',
  },
};

/** Every procedure that declares `.meta({ rest })`, as a REST operation with its own schemas. */
export function procedureOperations(): RestOperation[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Object.entries(procedures).flatMap(([path, procedure]) => {
    const route = procedure._def.meta?.rest;
    if (!route) return [];
    const shared = apiProcedures[path as ProcedurePath] as ApiProcedures[ProcedurePath];
    const requestHeaders = requestHeadersOf[path as ProcedurePath];
    return [
      {
        operationId: path,
        method: route.method,
        path: route.path,
        summary: route.summary,
        tag: route.tag,
        status: route.status ?? 200,
        procedure: path as ProcedurePath,
        pathParams: pathParamsOf(route.path),
        request: shared.input,
        response: shared.output,
        ...(requestHeaders ? { requestHeaders } : {}),
      },
    ];
  });
}
