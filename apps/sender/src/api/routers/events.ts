import { apiProcedures as api, type publishItemInput } from '@taskhooks/sender-client';
import type { z } from 'zod';
import { SenderError } from '../../errors/sender-errors.js';
import type { ApiContext, Caller } from '../context.js';
import { authedProcedure, resolveTenantId, router } from '../trpc.js';

/**
 * Tenants known to exist, per store. Tenants are never deleted, so a tenant seen once exists for
 * good: remembering it spares every publish a read (measured ~4 % of the sender's CPU at 1k
 * single publishes/s). Unknown ids are not remembered, so a tenant created later is found.
 */
const knownTenants = new WeakMap<ApiContext['store'], Set<string>>();

async function tenantExists(store: ApiContext['store'], tenantId: string): Promise<boolean> {
  let known = knownTenants.get(store);
  if (known?.has(tenantId)) return true;
  if (!(await store.getTenant(tenantId))) return false;
  if (!known) {
    known = new Set();
    knownTenants.set(store, known);
  }
  // Bounded: an API with very many tenants simply reads again past this many.
  if (known.size < 100_000) known.add(tenantId);
  return true;
}

async function publishFor(
  ctx: ApiContext & { caller: Caller },
  tenantId: string | undefined,
  items: z.infer<typeof publishItemInput>[],
  options: { batch: boolean },
) {
  const tenant = resolveTenantId(ctx.caller, tenantId);
  if (!(await tenantExists(ctx.store, tenant))) {
    throw new SenderError('not_found', `tenant "${tenant}" does not exist`, [
      { path: 'tenantId', code: 'not_found', message: 'no such tenant' },
    ]);
  }
  return ctx.publisher.publish(tenant, items, options);
}

type AuthedContext = ApiContext & { caller: Caller };
type PublishInput = z.output<(typeof api)['events.publish']['input']>;
type PublishBatchInput = z.output<(typeof api)['events.publishBatch']['input']>;

async function publishOne(ctx: AuthedContext, input: PublishInput) {
  const { tenantId, ...item } = input;
  const headerKey = item.idempotencyKey === undefined ? idempotencyKeyFromHeader(ctx, 0) : undefined;
  const keyed = headerKey ? { ...item, idempotencyKey: headerKey } : item;
  const [result] = await withHeaderKeysNamed(
    publishFor(ctx, tenantId, [keyed], { batch: false }),
    () => headerKey !== undefined,
  );
  return result!;
}

async function publishBatch(ctx: AuthedContext, input: PublishBatchInput) {
  const unkeyed = input.events.some((item) => item.idempotencyKey === undefined);
  // `<key>:<i>` must fit the key limit too, up to the largest index.
  const headerKey = unkeyed ? idempotencyKeyFromHeader(ctx, `:${input.events.length - 1}`.length) : undefined;
  const events = headerKey
    ? input.events.map((item, i) =>
        item.idempotencyKey === undefined ? { ...item, idempotencyKey: `${headerKey}:${i}` } : item,
      )
    : input.events;
  const results = await withHeaderKeysNamed(
    publishFor(ctx, input.tenantId, events, { batch: true }),
    (index) =>
      headerKey !== undefined && index !== undefined && input.events[index]?.idempotencyKey === undefined,
  );
  return { results };
}

/**
 * A refused key the caller sent as the `Idempotency-Key` header, not in the body, is reported on
 * the header: `idempotencyKey` would name a field the request does not have.
 */
async function withHeaderKeysNamed<T>(
  publishing: Promise<T>,
  fromHeader: (index: number | undefined) => boolean,
): Promise<T> {
  try {
    return await publishing;
  } catch (error) {
    if (!(error instanceof SenderError)) throw error;
    let renamed = false;
    const issues = error.issues.map((issue) => {
      const match = /^(?:(\d+)\.)?idempotencyKey$/.exec(issue.path);
      if (!match || !fromHeader(match[1] === undefined ? undefined : Number(match[1]))) return issue;
      renamed = true;
      const entry = match[1] === undefined ? '' : `entry ${match[1]}: `;
      return {
        ...issue,
        path: 'Idempotency-Key',
        message: `${entry}${issue.message} (the key comes from the Idempotency-Key header)`,
      };
    });
    if (!renamed) throw error;
    throw new SenderError(error.code, `${error.message} (from the Idempotency-Key header)`, issues);
  }
}

const MAX_IDEMPOTENCY_KEY_LENGTH = api['events.publish'].input.shape.idempotencyKey.unwrap().maxLength ?? 200;

/**
 * The `Idempotency-Key` header (REST convention, honoured on every transport): the key of a publish
 * whose input has none, before `suffixLength` characters are appended to it. Read only when a key
 * is needed, and refused rather than ignored when it cannot apply.
 */
function idempotencyKeyFromHeader(ctx: AuthedContext, suffixLength: number): string | undefined {
  const header = ctx.idempotencyKeyHeader;
  if (!header) return undefined;
  const refuse = (why: string) => {
    throw new SenderError('invalid_request', `Idempotency-Key header: ${why}`, [
      { path: 'Idempotency-Key', code: 'invalid_header', message: why },
    ]);
  };
  if (header.sharedByBatchedCalls) {
    refuse(
      'this HTTP request batches several tRPC calls and one header cannot name each; put idempotencyKey in each call input',
    );
  }
  if (header.values.length > 1) refuse(`sent ${header.values.length} times; send one key`);
  const key = header.values[0]!;
  const max = MAX_IDEMPOTENCY_KEY_LENGTH - suffixLength;
  if (key.trim().length === 0 || key.length > max) {
    refuse(
      suffixLength === 0
        ? `must be 1–${max} characters, got ${key.length}`
        : `must be 1–${max} characters for this batch (each entry's key \`<key>:<index>\` is at most ${MAX_IDEMPOTENCY_KEY_LENGTH}), got ${key.length}`,
    );
  }
  return key;
}

/** A publish procedure as plain parts: its schemas and its work, for callers outside tRPC. */
export interface DirectPublishCall {
  input: z.ZodType;
  output: z.ZodType;
  /** `input` must be what `input.parse` returned. */
  run(ctx: AuthedContext, input: unknown): Promise<unknown>;
}

/**
 * The same two procedures for the HTTP publish fast path (server/publish-fast-path.ts), which calls
 * them without tRPC's middleware chain: same schemas, same work, same auth and error mapping.
 */
export const directPublishCalls: ReadonlyMap<string, DirectPublishCall> = new Map([
  [
    'events.publish',
    {
      input: api['events.publish'].input,
      output: api['events.publish'].output,
      run: (ctx: AuthedContext, input: unknown) => publishOne(ctx, input as PublishInput),
    },
  ],
  [
    'events.publishBatch',
    {
      input: api['events.publishBatch'].input,
      output: api['events.publishBatch'].output,
      run: (ctx: AuthedContext, input: unknown) => publishBatch(ctx, input as PublishBatchInput),
    },
  ],
]);

export const eventsRouter = router({
  publish: authedProcedure
    .meta({ rest: { method: 'POST', path: '/api/events', summary: 'Publish one event', tag: 'events' } })
    .input(api['events.publish'].input)
    .output(api['events.publish'].output)
    .mutation(({ ctx, input }) => publishOne(ctx, input)),

  publishBatch: authedProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api/events/batch',
        summary: 'Publish up to 500 events atomically',
        tag: 'events',
      },
    })
    .input(api['events.publishBatch'].input)
    .output(api['events.publishBatch'].output)
    .mutation(({ ctx, input }) => publishBatch(ctx, input)),
});
