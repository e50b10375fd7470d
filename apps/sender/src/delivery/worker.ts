import type { ClaimedDelivery } from '../store/types.js';
import { type BreakerAttempt, CircuitBreaker } from './circuit-breaker.js';
import { ClaimedBacklog } from './claimed-backlog.js';
import { checkClockAgainstDatabase } from './clock-skew.js';
import { type DeliverOneOutcome, deliverOne } from './deliver-one.js';
import { isEndpointDown } from './dispatch-result.js';
import { EndpointHealth } from './endpoint-health.js';
import { EndpointLimiter } from './endpoint-limiter.js';
import { createHttpDispatcher } from './http-dispatch.js';
import { positiveInt, requireNonEmpty } from './option-checks.js';
import { followsDocumentedSchedule } from './presets.js';
import { plainJsonSecretsResolver } from './secrets-resolver.js';
import { WakeableSleep } from './wakeable-sleep.js';
import {
  checkedLeaseMs,
  type DeliveryWorker,
  type DeliveryWorkerOptions,
  type WorkerLogger,
} from './worker-api.js';
import { finishInFlight } from './worker-stop.js';

export type { DeliveryWorker, DeliveryWorkerOptions, WorkerLogger, WorkerStats } from './worker-api.js';
export { MIN_LEASE_MARGIN_MS } from './worker-api.js';

const silentLogger: WorkerLogger = { warn() {}, error() {} };

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const store = options.store;
  const workerId = requireNonEmpty('workerId', options.workerId);
  const batchSize = positiveInt('batchSize', options.batchSize ?? 32);
  const concurrency = positiveInt('concurrency', options.concurrency ?? 32);
  const pollIntervalMs = positiveInt('pollIntervalMs', options.pollIntervalMs ?? 1000);
  const maxTimeoutMs = positiveInt('maxTimeoutMs', options.maxTimeoutMs ?? 30_000);
  const leaseMs = checkedLeaseMs(options.leaseMs, maxTimeoutMs);
  // An attempt must end AND be recorded inside its lease: after the timeout come the completion's
  // batching and commit, and on PostgreSQL other senders' clocks may run a little ahead.
  const recordMarginMs = Math.min(5_000, Math.floor((leaseMs - maxTimeoutMs) / 2));
  /** Whether a claimed row's lease still has room for an attempt that uses its whole timeout. */
  const leaseFits = (claimed: ClaimedDelivery, now: number) =>
    (claimed.delivery.leaseExpiresAt ?? 0) - now >
    Math.min(claimed.endpoint.timeoutMs, maxTimeoutMs) + recordMarginMs;
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? createHttpDispatcher({ maxTimeoutMs });
  const limiter = new EndpointLimiter(options.maxInFlightPerEndpoint ?? 8);
  // Claimed rows a busy endpoint cannot take yet wait here (at most `concurrency` in all), so its
  // next attempts start without a query and claims stay large. A slow endpoint's waiting rows
  // cannot block others: claims are sized by free slots, and rows that could start go first.
  const backlog = new ClaimedBacklog(concurrency);
  // Shrinks after a claim returned rows no slot could take (all for busy endpoints), grows back
  // while claims come back full and usable: keeps a single busy endpoint from churning rows.
  let claimSize = batchSize;
  const refillAt = Math.max(1, Math.floor(concurrency / 4));
  const breaker = new CircuitBreaker(options.circuitBreaker);
  const health = new EndpointHealth({
    store,
    ...(options.disableAfterMs === undefined ? {} : { disableAfterMs: options.disableAfterMs }),
    ...(options.onOperationalEvent === undefined ? {} : { onOperationalEvent: options.onOperationalEvent }),
    onError: (error, context) => logger.error({ err: error, context }, 'operational event callback failed'),
  });
  const shutdown = new AbortController();
  const inFlight = new Map<string, Promise<DeliverOneOutcome>>();
  const sleep = new WakeableSleep();
  let running = false;
  let loop: Promise<void> | null = null;
  // Cross-process wake-ups (PostgreSQL LISTEN/NOTIFY) while started.
  let unwatch: (() => Promise<void>) | null = null;
  // Set when a claim was held back by a cap: a finishing attempt should trigger a claim at once.
  let starved = false;
  // True until a claim comes back short of its limit: the store may hold due rows older than any
  // new publish, and those go first (no publish lease meanwhile).
  let mayHaveDueRows = true;

  const ctx = {
    store,
    workerId,
    dispatcher,
    secrets: options.secrets ?? plainJsonSecretsResolver,
    clock,
    random: options.random ?? Math.random,
    maxTimeoutMs,
    signal: shutdown.signal,
    ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
  };

  async function claimAndDispatch(): Promise<{ started: Promise<unknown>[]; more: boolean }> {
    // Claims fill free slots only; rows beyond a busy endpoint's cap wait in the (bounded) backlog.
    const capacity = concurrency - inFlight.size;
    if (capacity <= 0) {
      starved = true;
      return { started: [], more: false };
    }
    const now = clock();
    const queueing = running;
    const excluded = excludedEndpoints(now, queueing);
    const limit = Math.min(batchSize, capacity, claimSize);
    const claimed = await store.claimDueDeliveries({
      workerId,
      now,
      limit,
      leaseMs,
      excludeEndpointIds: [...excluded],
    });
    mayHaveDueRows = claimed.length === limit;
    const { started, queued, heldBack } = route(claimed, now, queueing);
    const usable = started.length + queued;
    if (heldBack.length > 0) {
      starved = true;
      claimSize = Math.max(limiter.maxInFlight, usable);
      await store.releaseDeliveries(workerId, heldBack, clock());
    } else if (claimed.length === limit) {
      claimSize = Math.min(batchSize, claimSize * 2);
    }
    starved ||= excluded.size > 0;
    return { started, more: claimed.length === limit && usable > 0 };
  }

  /** Starts each claimed delivery, queues it for its busy endpoint, or holds it back (to release). */
  function route(claimed: ClaimedDelivery[], now: number, queueing: boolean) {
    const started: Promise<unknown>[] = [];
    const heldBack: string[] = [];
    let queued = 0;
    for (const claim of claimed) {
      const endpointId = claim.endpoint.id;
      // Re-claimed after its lease expired while this worker still holds it (waiting or sending):
      // a second copy would send it twice, and releasing one would free the row the other sends.
      // The claim renewed the lease, so a waiting copy takes the fresh one; neither is handed back.
      if (inFlight.has(claim.delivery.id)) continue;
      if (backlog.refresh(claim)) continue;
      if (!running && loop !== null) heldBack.push(claim.delivery.id);
      else if (breaker.allowance(endpointId, now) <= 0) heldBack.push(claim.delivery.id);
      // The global cap too: rows leased at publish were counted against free slots before their
      // commit, and the claim loop may have filled some meanwhile.
      else if (inFlight.size < concurrency && limiter.tryAcquire(endpointId)) started.push(track(claim, now));
      else if (
        queueing &&
        backlog.size < concurrency &&
        backlog.waiting(endpointId) < backlogShare(endpointId) &&
        backlog.tryAdd(claim)
      )
        queued++;
      else heldBack.push(claim.delivery.id);
    }
    return { started, queued, heldBack };
  }

  /**
   * How many claimed rows an endpoint may keep waiting: the whole backlog when it is the only busy
   * one (its next attempts start without a query), a fair share when several are, never less than
   * one round of its cap. Without the share a few hanging endpoints filled the backlog, every
   * healthy row beyond its cap was handed back and re-claimed, and the healthy half of the
   * isolation scenario fell to 0.6–0.8 of its throughput (1.1–1.25 with a per-endpoint bound).
   */
  function backlogShare(endpointId: string): number {
    const sharing = backlog.endpointCount + (backlog.waiting(endpointId) > 0 ? 0 : 1);
    return Math.max(limiter.maxInFlight, Math.floor(concurrency / sharing));
  }

  /** Endpoints a claim or publish lease must skip now: at their cap (backlog full) or circuit open. */
  function excludedEndpoints(now: number, queueing: boolean): Set<string> {
    const excluded = new Set(
      limiter.saturated().filter((id) => !queueing || backlog.waiting(id) >= backlogShare(id)),
    );
    for (const circuit of breaker.snapshot(now)) {
      if (breaker.allowance(circuit.endpointId, now) === 0) excluded.add(circuit.endpointId);
    }
    return excluded;
  }

  function track(claim: ClaimedDelivery, now: number): Promise<unknown> {
    const endpointId = claim.endpoint.id;
    const breakerAttempt = breaker.onStart(endpointId, now);
    // The endpoint's slot is free once it answered: its next request need not wait for this
    // outcome's database write (with a durable commit per write, that halved throughput).
    let slotHeld = true;
    const freeSlot = () => {
      if (!slotHeld) return;
      slotHeld = false;
      limiter.release(endpointId);
      startWaiting(endpointId);
    };
    const attempt = deliverOne(claim, ctx, freeSlot)
      .then(async (outcome) => {
        await afterAttempt(claim, outcome, breakerAttempt);
        return outcome;
      })
      .catch((error: unknown): DeliverOneOutcome => {
        // Store unreachable mid-attempt: the lease expires and the delivery is claimed again.
        breaker.onAbandon(endpointId, breakerAttempt);
        logger.error({ err: error, deliveryId: claim.delivery.id }, 'delivery attempt could not be recorded');
        return { kind: 'abandoned' };
      })
      .finally(() => {
        // Only this attempt's own entry: a later attempt for the same row must stay tracked.
        if (inFlight.get(claim.delivery.id) === attempt) inFlight.delete(claim.delivery.id);
        freeSlot();
        // A global slot is free too: waiting claims of any endpoint may start now.
        for (const waitingEndpoint of backlog.endpoints()) startWaiting(waitingEndpoint);
        // Refill once a quarter of the slots are free and the endpoint's backlog runs low, not after
        // every attempt: claiming rows one by one costs a query each.
        if (
          starved &&
          running &&
          concurrency - inFlight.size >= refillAt &&
          backlog.waiting(endpointId) <= backlog.perEndpoint / 2
        )
          sleep.wake();
      });
    inFlight.set(claim.delivery.id, attempt);
    return attempt;
  }

  /** Starts backlogged claims of the endpoint while it has free slots; stale ones are handed back. */
  function startWaiting(endpointId: string): void {
    if (!running) return; // stop() releases the backlog
    const stale: string[] = [];
    // `concurrency` bounds attempts in flight (sending or recording): what a crash can duplicate.
    while (limiter.freeSlots(endpointId) > 0 && inFlight.size < concurrency) {
      const next = backlog.take(endpointId);
      if (!next) break;
      const now = clock();
      // Only start when the attempt can finish inside the lease; otherwise another worker may
      // claim it meanwhile and the receiver would get it twice.
      // Already being sent (a copy from before a re-claim): neither send nor release it again.
      if (inFlight.has(next.delivery.id)) continue;
      if (
        !leaseFits(next, now) ||
        breaker.allowance(endpointId, now) <= 0 ||
        !limiter.tryAcquire(endpointId)
      ) {
        stale.push(next.delivery.id);
        continue;
      }
      void track(next, now);
    }
    if (stale.length > 0) releaseQuietly(stale);
  }

  function releaseQuietly(ids: string[]): void {
    store.releaseDeliveries(workerId, ids, clock()).catch((error: unknown) => {
      // Not fatal: the leases expire and the deliveries are claimed again.
      logger.error({ err: error, count: ids.length }, 'releasing claimed deliveries failed');
    });
  }

  async function afterAttempt(
    claim: ClaimedDelivery,
    outcome: DeliverOneOutcome,
    breakerAttempt: BreakerAttempt,
  ): Promise<void> {
    const endpointId = claim.endpoint.id;
    if (outcome.kind === 'abandoned') return breaker.onAbandon(endpointId, breakerAttempt);
    const now = clock();
    if (outcome.kind === 'put_off') {
      // Says nothing of the endpoint: no breaker failure, no failing period toward disabling it.
      breaker.onAbandon(endpointId, breakerAttempt);
      await store.releaseDeliveries(workerId, [claim.delivery.id], now, outcome.retryAt);
      if (running) sleep.wakeIn(outcome.retryAt - now);
      options.onPutOff?.(claim, outcome.reason);
      return;
    }
    const retryAt = outcome.step.state === 'pending' ? outcome.step.nextAttemptAt : null;
    if (running && retryAt !== null) sleep.wakeIn(retryAt - now);
    if (isEndpointDown(outcome.result) && !followsDocumentedSchedule(claim.endpoint.retryPolicy))
      breaker.onFailure(endpointId, now, breakerAttempt);
    else if (outcome.result) breaker.onSuccess(endpointId, breakerAttempt);
    else breaker.onAbandon(endpointId, breakerAttempt);
    if (outcome.kind === 'lease_lost') {
      logger.warn({ deliveryId: claim.delivery.id }, 'lease lost before the attempt was recorded; dropped');
      return;
    }
    options.onAttempt?.(claim, outcome);
    if (outcome.step.state === 'succeeded') await health.recordSuccess(claim.endpoint, now);
    else await health.recordFailure(claim.endpoint, now, outcome.attempt.error ?? 'failed');
  }

  async function run(): Promise<void> {
    while (running) {
      let more = false;
      try {
        starved = false;
        more = (await claimAndDispatch()).more;
      } catch (error) {
        logger.error({ err: error }, 'claiming deliveries failed');
      }
      if (running && !more) await sleep.sleep(pollIntervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      if (shutdown.signal.aborted)
        throw new Error('a stopped delivery worker cannot be restarted; create a new one');
      running = true;
      unwatch = store.watchDueDeliveries?.(() => sleep.wake()) ?? null;
      // In the background: a worker delivers whatever the answer, the warning is for its operator.
      checkClockAgainstDatabase({ store, clock, recordMarginMs, logger }).catch((error: unknown) =>
        logger.warn({ err: String(error) }, "could not compare this worker's clock with the database's"),
      );
      loop = run();
    },

    async stop({ graceMs = 10_000 } = {}) {
      running = false;
      sleep.cancelAlarms();
      sleep.wake();
      await unwatch?.();
      unwatch = null;
      await loop;
      await finishInFlight(
        {
          store,
          workerId,
          clock,
          backlog,
          inFlight,
          shutdown,
          closeDispatcher: ownsDispatcher ? () => dispatcher.close() : null,
        },
        graceMs,
      );
    },

    wake() {
      sleep.wake();
    },

    async runOnce() {
      if (running) throw new Error('runOnce() cannot be used while the worker is started');
      const { started } = await claimAndDispatch();
      await Promise.all(started);
      return started.length;
    },

    publishLease() {
      if (!running || mayHaveDueRows) return null;
      const free = concurrency - inFlight.size - backlog.size;
      if (free <= 0) return null;
      const excluded = excludedEndpoints(clock(), true);
      return {
        workerId,
        now: clock(),
        leaseMs,
        limit: Math.min(batchSize, free),
        ...(excluded.size > 0 ? { excludeEndpointIds: [...excluded] } : {}),
      };
    },

    adopt(leased, pendingLeft = false) {
      if (pendingLeft) mayHaveDueRows = true;
      if (leased.length === 0) return;
      const now = clock();
      // A slow commit ate into the lease: an attempt must fit in what is left, or another claim
      // (even this worker's own) could take the row meanwhile. Those go back to the claim loop.
      const fits = (c: ClaimedDelivery) => leaseFits(c, now);
      const { heldBack } = route(leased.filter(fits), now, running);
      heldBack.push(...leased.filter((c) => !fits(c)).map((c) => c.delivery.id));
      if (heldBack.length > 0) {
        starved = true;
        releaseQuietly(heldBack);
      }
    },

    stats() {
      return {
        inFlight: inFlight.size,
        waiting: backlog.size,
        inFlightByEndpoint: limiter.snapshot(),
        circuits: breaker.snapshot(clock()),
      };
    },
  };
}
