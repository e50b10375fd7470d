import { initTRPC, TRPCError } from '@trpc/server';
import { SenderError, type SenderErrorCode } from '../errors/sender-errors.js';
import { jsonSyntaxProblem } from '../server/json-syntax-problem.js';
import { StoreError } from '../store/shared/errors.js';
import { storeUnavailableReason } from '../store/shared/unavailable.js';
import type { Store } from '../store/types.js';
import type { ApiContext, Caller, ManagementServices } from './context.js';
import type { ApiMeta } from './meta.js';
import { enforceRateLimit, RateLimitedError } from './rate-limit.js';
import { notFound } from './schemas.js';

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
  unavailable: 'SERVICE_UNAVAILABLE',
};

export function toTrpcError(error: SenderError): TRPCError {
  return new TRPCError({ code: trpcCodeOf[error.code], message: error.message, cause: error });
}

/**
 * Store errors reaching the API are caller mistakes the procedures did not pre-check (a malformed
 * cursor, a purged payload): the store's message starts with the field, e.g. `cursor: …`.
 */
function fromStoreError(error: StoreError): SenderError | undefined {
  const field = /^([\w.[\]]+):/.exec(error.message)?.[1] ?? '';
  const issue = (code: string) => [{ path: field, code, message: error.message }];
  switch (error.code) {
    case 'invalid_input':
      return new SenderError('invalid_request', error.message, issue('invalid_value'));
    case 'not_found':
      return new SenderError('not_found', error.message, issue('not_found'));
    case 'conflict':
      return new SenderError('conflict', error.message, issue('conflict'));
    case 'payload_purged':
      return new SenderError('conflict', error.message, issue('payload_purged'));
    default:
      return undefined;
  }
}

const BODY_TOO_LARGE = {
  message:
    'request body too large: a call may carry at most TASKHOOKS_MAX_PAYLOAD_BYTES × 2 + 64 KiB of JSON; send a smaller payload or fewer events per batch',
  issue: { path: '', code: 'too_big', message: 'at most TASKHOOKS_MAX_PAYLOAD_BYTES × 2 + 64 KiB per call' },
};

const t = initTRPC
  .context<ApiContext>()
  .meta<ApiMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause instanceof SenderError ? error.cause : undefined;
      const zodIssues = cause ? undefined : zodIssuesOf(error.cause);
      // The HTTP layer's own body limit: tRPC's message would be just "PAYLOAD_TOO_LARGE".
      const bodyTooLarge = !cause && error.code === 'PAYLOAD_TOO_LARGE';
      // Only the request's own body: a SyntaxError from stored data is an internal error.
      const notJson =
        !cause &&
        (error.code === 'PARSE_ERROR' ||
          (error.code === 'BAD_REQUEST' && error.cause instanceof SyntaxError));
      // tRPC's own message for a failed input parse is zod's issue list as a JSON dump.
      const message = zodIssues
        ? `invalid input: ${zodIssues.map((issue) => `${issue.path || '(input)'}: ${issue.message}`).join('; ')}`
        : bodyTooLarge
          ? BODY_TOO_LARGE.message
          : notJson
            ? `request body is not valid JSON: ${jsonSyntaxProblem(error.cause ?? error)}`
            : error.code === 'INTERNAL_SERVER_ERROR' && !cause
              ? // The thrown error's own words (a database's, a file path) are for the log only.
                'internal error; the sender logged the details'
              : shape.message;
      return {
        ...shape,
        message,
        data: {
          ...shape.data,
          stack: undefined,
          reason:
            cause?.code ??
            (zodIssues || notJson ? 'invalid_request' : bodyTooLarge ? 'payload_too_large' : undefined),
          issues:
            cause?.issues ??
            zodIssues ??
            (bodyTooLarge
              ? [BODY_TOO_LARGE.issue]
              : notJson
                ? [{ path: '', code: 'invalid_json', message: jsonSyntaxProblem(error.cause ?? error) }]
                : []),
          ...(cause instanceof RateLimitedError ? { retryAfterSeconds: cause.retryAfterSeconds } : {}),
        },
      };
    },
  });

/** Zod issues of a failed input parse as `{ path: 'a.b', message, code }`, or undefined. */
export function zodIssuesOf(cause: unknown) {
  const issues = (cause as { issues?: RawZodIssue[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  return issues.flatMap((issue) => flattenIssue(issue, []));
}

interface RawZodIssue {
  path: PropertyKey[];
  message: string;
  code: string;
  keys?: string[];
  /** invalid_union: each alternative's own issues. */
  errors?: RawZodIssue[][];
}

function flattenIssue(
  issue: RawZodIssue,
  prefix: string[],
): { path: string; message: string; code: string }[] {
  const path = [...prefix, ...issue.path.map(String)];
  // One issue per misspelt or unsupported field, at that field's path, so a client can point at it.
  if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
    return issue.keys.map((key) => ({
      path: [...path, key].join('.'),
      message: `unknown field "${key}"; this call does not take it (check the spelling)`,
      code: issue.code,
    }));
  }
  // zod says only "Invalid input" for a union; the alternative that came closest (fewest issues)
  // names the field to fix, e.g. `retry.preset: expected one of "default"|…`.
  const alternatives = issue.code === 'invalid_union' ? (issue.errors ?? []).filter((e) => e.length > 0) : [];
  if (alternatives.length > 0) {
    const closest = alternatives.reduce((best, next) => (next.length < best.length ? next : best));
    return closest.flatMap((inner) => flattenIssue(inner, path));
  }
  return [{ path: path.join('.'), message: issue.message, code: issue.code }];
}

/**
 * Text PostgreSQL cannot store (a NUL character, SQLSTATE 22021/22P05) that got past the input
 * schemas: the caller's to fix, so 400 naming the problem, not an opaque 500.
 */
function fromUnstorableText(error: unknown): SenderError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== '22021' && code !== '22P05') return undefined;
  const message = 'text contains a character the database cannot store (a NUL character, \\u0000): remove it';
  return new SenderError('invalid_request', message, [{ path: '', code: 'invalid_value', message }]);
}

/**
 * A database that cannot take the call (disk full, read-only, connection lost) is a 503 naming the
 * problem, so clients retry later instead of treating it as a bug. Whether a write that failed
 * this way was stored is not always knowable (a lost COMMIT), hence the Idempotency-Key hint.
 */
function fromUnavailableStore(error: unknown): SenderError | undefined {
  const reason = storeUnavailableReason(error);
  if (!reason) return undefined;
  return new SenderError(
    'unavailable',
    `storage unavailable: ${reason}; the request was not completed, retry later (with the same Idempotency-Key when publishing)`,
    [{ path: '', code: 'storage_unavailable', message: reason }],
  );
}

/**
 * The error a failed procedure answers with: SenderErrors (and caller-caused or unavailable-store
 * errors) become the matching HTTP error; anything else stays as it is.
 */
export function mapProcedureError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof SenderError) return toTrpcError(cause);
  const mapped =
    cause instanceof StoreError
      ? fromStoreError(cause)
      : (fromUnstorableText(cause) ?? fromUnavailableStore(cause));
  return mapped ? toTrpcError(mapped) : error;
}

const mapSenderErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = mapProcedureError(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapSenderErrors);

/**
 * Any valid key; each call takes a token from the key's rate-limit bucket (429 + Retry-After when
 * empty). Also called directly by the publish fast path, which skips tRPC's middleware chain.
 */
export function authorizeCall(ctx: ApiContext, path: string): Caller {
  if (!ctx.caller) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'missing or invalid API key: send `Authorization: Bearer <key>`',
    });
  }
  enforceRateLimit(ctx, ctx.caller, path);
  return ctx.caller;
}

export const authedProcedure = publicProcedure.use(({ ctx, path, next }) => {
  const caller = authorizeCall(ctx, path);
  // tRPC merges this into the context; spreading the whole context here would copy it twice.
  return next({ ctx: { caller } });
});

/** Authed, and the server was given what management calls need (secret box, URL policy, …). */
export const managementProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.management) {
    throw new TRPCError({
      code: 'NOT_IMPLEMENTED',
      message: 'management API is not configured on this server',
    });
  }
  return next({ ctx: { ...ctx, management: ctx.management as ManagementServices } });
});

export const adminProcedure = managementProcedure.use(({ ctx, next }) => {
  if (ctx.caller.kind !== 'admin') {
    throw new SenderError('forbidden', 'this call needs an admin API key', [
      { path: '', code: 'forbidden', message: 'tenant API keys cannot call admin procedures' },
    ]);
  }
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

/**
 * {@link resolveTenantId}, and for an admin key a 404 when the named tenant does not exist: an
 * empty list for a mistyped tenant id reads as "nothing happened yet", which it is not.
 */
export async function resolveExistingTenantId(
  ctx: { caller: Caller; store: Pick<Store, 'getTenant'> },
  requested: string | undefined,
): Promise<string> {
  const tenantId = resolveTenantId(ctx.caller, requested);
  // A tenant key's own tenant exists: the key was read from it.
  if (ctx.caller.kind !== 'tenant' && !(await ctx.store.getTenant(tenantId))) {
    throw notFound('tenant', 'tenantId', tenantId);
  }
  return tenantId;
}

/**
 * The tenant scope of a lookup by id: a tenant key sees only its own rows (another tenant's id
 * answers 404, exactly like a missing one, so ids cannot be probed); an admin key sees every row.
 */
export function scopeOf(caller: Caller): string | undefined {
  return caller.kind === 'tenant' ? caller.tenantId : undefined;
}
