import { uuidv7 } from '../ids/uuidv7.js';
import type { AttemptOutcome, ClaimedDelivery, NewAttempt, Store } from '../store/types.js';
import { type BuiltRequest, buildRequest } from './build-request.js';
import type { DispatchResult } from './dispatch-result.js';
import type { HttpDispatcher } from './http-dispatch.js';
import { decideNextStep, type NextStep } from './retry-policy.js';
import { SecretsKeyMissingError, type SecretsResolver } from './secrets-resolver.js';

export interface DeliverOneContext {
  store: Pick<Store, 'completeDelivery'>;
  workerId: string;
  dispatcher: HttpDispatcher;
  secrets: SecretsResolver;
  clock: () => number;
  random: () => number;
  maxTimeoutMs: number;
  userAgent?: string;
  signal: AbortSignal;
}

/** What happened to one claimed delivery. */
export type DeliverOneOutcome =
  /** Attempt recorded; `result` is null when the request could not even be built (config error). */
  | { kind: 'completed'; attempt: NewAttempt; step: NextStep; result: DispatchResult | null }
  /** Attempt sent but the lease had expired: another worker owns it now, nothing was written. */
  | { kind: 'lease_lost'; attempt: NewAttempt; step: NextStep; result: DispatchResult | null }
  /** Cancelled by shutdown before an outcome: the caller releases it. */
  | { kind: 'abandoned' }
  /**
   * Not sent, and not an attempt: this process lacks the key the endpoint's secrets were sealed
   * with. The caller hands it back due at `retryAt`, for any process that has the key.
   */
  | { kind: 'put_off'; retryAt: number; reason: string };

/** How long a delivery whose secrets this process cannot open (key not configured) is put off. */
export const KEY_MISSING_RETRY_MS = 60_000;

/**
 * One attempt for one claimed delivery: open secrets, build and sign, send, decide, record.
 * A request that cannot be built (corrupt secrets, invalid custom headers, purged payload) is
 * recorded as a final failure: retrying would fail identically until an operator fixes it. Secrets
 * sealed with a key this process lacks are the exception (see SecretsKeyMissingError).
 */
export async function deliverOne(
  claimed: ClaimedDelivery,
  ctx: DeliverOneContext,
  /** Called once the endpoint has answered (or failed), before the outcome is written. */
  onDispatched?: () => void,
): Promise<DeliverOneOutcome> {
  const { delivery, endpoint } = claimed;
  const attemptNumber = delivery.attemptCount + 1;
  const startedAt = ctx.clock();

  let built: BuiltRequest;
  try {
    const resolved = await ctx.secrets(endpoint);
    built = await buildRequest({ claimed, resolved, now: startedAt, userAgent: ctx.userAgent });
  } catch (buildError) {
    if (ctx.signal.aborted) return { kind: 'abandoned' };
    const message = buildError instanceof Error ? buildError.message : String(buildError);
    const now = ctx.clock();
    // Another process on the database may have the key (or this one, restarted with it): the
    // delivery is put off, neither failed for a configuration mistake nor charged an attempt.
    if (buildError instanceof SecretsKeyMissingError)
      return { kind: 'put_off', retryAt: now + KEY_MISSING_RETRY_MS, reason: message };
    const step: NextStep = {
      state: 'failed',
      nextAttemptAt: null,
      reason: 'request could not be built; not retried',
    };
    return record(claimed, ctx, now, step, null, {
      attemptNumber,
      startedAt,
      durationMs: Math.max(0, now - startedAt),
      requestHeaders: {},
      error: `config: ${message}`,
    });
  }

  const result = await ctx.dispatcher.dispatch(built.request, {
    timeoutMs: Math.min(endpoint.timeoutMs, ctx.maxTimeoutMs),
    signal: ctx.signal,
  });
  onDispatched?.();
  if (result.errorKind === 'aborted') return { kind: 'abandoned' };
  const now = ctx.clock();
  const step = decideNextStep(endpoint.retryPolicy, attemptNumber, result, now, ctx.random);
  return record(claimed, ctx, now, step, result, {
    attemptNumber,
    startedAt,
    durationMs: result.durationMs,
    requestHeaders: built.redactedHeaders,
    error: result.errorKind === null ? null : `${result.errorKind}: ${result.errorMessage} (${step.reason})`,
  });
}

async function record(
  claimed: ClaimedDelivery,
  ctx: DeliverOneContext,
  now: number,
  step: NextStep,
  result: DispatchResult | null,
  partial: Pick<NewAttempt, 'attemptNumber' | 'startedAt' | 'durationMs' | 'requestHeaders' | 'error'>,
): Promise<DeliverOneOutcome> {
  const attempt: NewAttempt = {
    id: uuidv7(),
    deliveryId: claimed.delivery.id,
    ...partial,
    responseStatus: result?.status ?? null,
    responseBodyExcerpt: result?.bodyExcerpt ?? null,
    outcome: outcomeOf(step),
  };
  const completed = await ctx.store.completeDelivery({
    deliveryId: claimed.delivery.id,
    leaseOwner: ctx.workerId,
    attempt,
    state: step.state,
    nextAttemptAt: step.nextAttemptAt,
    now,
  });
  return { kind: completed ? 'completed' : 'lease_lost', attempt, step, result };
}

function outcomeOf(step: NextStep): AttemptOutcome {
  if (step.state === 'succeeded') return 'succeeded';
  return step.state === 'pending' ? 'retry_scheduled' : 'failed';
}
