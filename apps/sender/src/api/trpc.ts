import { initTRPC, TRPCError } from '@trpc/server';
import { SenderError, type SenderErrorCode } from '../errors/sender-errors.js';
import type { ApiContext, Caller } from './context.js';

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]['code'];

const trpcCodeOf: Record<SenderErrorCode, TrpcCode> = {
  invalid_payload: 'BAD_REQUEST',
  unknown_model: 'BAD_REQUEST',
  invalid_request: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  rate_limited: 'TOO_MANY_REQUESTS',
};

export function toTrpcError(error: SenderError): TRPCError {
  return new TRPCError({ code: trpcCodeOf[error.code], message: error.message, cause: error });
}

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause instanceof SenderError ? error.cause : undefined;
    const zodIssues = cause ? undefined : zodIssuesOf(error.cause);
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        reason: cause?.code ?? (zodIssues ? 'invalid_request' : undefined),
        issues: cause?.issues ?? zodIssues ?? [],
      },
    };
  },
});

function zodIssuesOf(cause: unknown) {
  const issues = (cause as { issues?: { path: PropertyKey[]; message: string; code: string }[] } | undefined)
    ?.issues;
  if (!Array.isArray(issues)) return undefined;
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/** Turns SenderErrors thrown anywhere in a procedure into the matching tRPC/HTTP error. */
const mapSenderErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof SenderError) {
    throw toTrpcError(result.error.cause);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapSenderErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.caller) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'missing or invalid API key: send `Authorization: Bearer <key>`',
    });
  }
  return next({ ctx: { ...ctx, caller: ctx.caller as Caller } });
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.caller.kind !== 'admin')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'this call needs an admin API key' });
  return next();
});

/**
 * The tenant a call acts on: a tenant key acts on its own tenant only; an admin key must name one.
 */
export function resolveTenantId(caller: Caller, requested: string | undefined): string {
  if (caller.kind === 'tenant') {
    if (requested !== undefined && requested !== caller.tenantId) {
      throw new SenderError('forbidden', 'this API key belongs to another tenant', [
        { path: 'tenantId', code: 'forbidden', message: 'a tenant key can only act on its own tenant' },
      ]);
    }
    return caller.tenantId;
  }
  if (!requested) {
    throw new SenderError('invalid_request', 'tenantId is required with an admin key', [
      { path: 'tenantId', code: 'invalid_type', message: 'required with an admin key' },
    ]);
  }
  return requested;
}
