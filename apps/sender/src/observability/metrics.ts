import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryWorker } from '../delivery/worker.js';
import type { AttemptOutcome, PublishResult, Store } from '../store/types.js';

export interface SenderMetrics {
  registry: Registry;
  /** After each durable publish commit. */
  recordPublished(results: readonly PublishResult[]): void;
  /** After each recorded delivery attempt. */
  recordAttempt(attempt: { outcome: AttemptOutcome; durationMs: number }): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
  contentType: string;
}

export interface SenderMetricsOptions {
  store: Pick<Store, 'countQueuedDeliveries' | 'measureClockOffset'>;
  /** This process's clock, as its worker uses it for leases (default Date.now). */
  clock?: () => number;
  /** The in-process worker, if any (serve runs one; an API-only process has none). */
  worker: () => DeliveryWorker | null;
  /** A scrape must not fail because the store hiccuped: the gauge keeps its last value. */
  onCollectError?: (error: unknown) => void;
}

const circuitValue = { closed: 0, half_open: 1, open: 2 } as const;

/**
 * Prometheus metrics on a registry of their own (several apps may share a test process):
 * counters for the delivery pipeline, queue depth and circuit state read at scrape time.
 */
export function createSenderMetrics(options: SenderMetricsOptions): SenderMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const published = new Counter({
    name: 'taskhooks_events_published_total',
    help: 'Events accepted and stored (idempotent repeats not counted).',
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'taskhooks_events_duplicate_total',
    help: 'Publishes answered from an earlier message with the same idempotency key.',
    registers: [registry],
  });
  const delivered = new Counter({
    name: 'taskhooks_deliveries_delivered_total',
    help: 'Deliveries that succeeded (a 2xx answer).',
    registers: [registry],
  });
  const failed = new Counter({
    name: 'taskhooks_deliveries_failed_total',
    help: 'Deliveries that failed for good (retries exhausted or not retryable).',
    registers: [registry],
  });
  const retried = new Counter({
    name: 'taskhooks_delivery_retries_total',
    help: 'Attempts that failed and scheduled another attempt.',
    registers: [registry],
  });
  const attemptSeconds = new Histogram({
    name: 'taskhooks_delivery_attempt_duration_seconds',
    help: 'Time from sending an attempt to its answer (or failure), by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new Gauge({
    name: 'taskhooks_deliveries_queued',
    help: 'Deliveries waiting (pending) or being attempted (in_flight), across all workers.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      try {
        // Never a count over every retained delivery: a scrape must cost the same at any history size.
        const counts = await options.store.countQueuedDeliveries();
        this.set({ state: 'pending' }, counts.pending);
        this.set({ state: 'in_flight' }, counts.in_flight);
      } catch (error) {
        // No value rather than the last one: a stale queue depth looks healthy while the store is down.
        this.reset();
        options.onCollectError?.(error);
      }
    },
  });
  new Gauge({
    name: 'taskhooks_endpoint_circuit_state',
    help: 'Circuit breaker per endpoint in this worker: 0 closed, 1 half-open, 2 open.',
    labelNames: ['endpoint_id'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const circuit of options.worker()?.stats().circuits ?? []) {
        this.set({ endpoint_id: circuit.endpointId }, circuitValue[circuit.state]);
      }
    },
  });
  const { measureClockOffset } = options.store;
  if (measureClockOffset) {
    const clock = options.clock ?? Date.now;
    new Gauge({
      name: 'taskhooks_database_clock_offset_seconds',
      help: "The database server's clock minus this process's (workers on several hosts compare leases with their own clocks; keep them within a second).",
      registers: [registry],
      async collect() {
        try {
          this.set((await measureClockOffset.call(options.store, clock)).offsetMs / 1000);
        } catch (error) {
          // Unknown, not 0 (perfect sync) nor the last reading: an unlabelled gauge cannot be left out.
          this.set(Number.NaN);
          options.onCollectError?.(error);
        }
      },
    });
  }
  new Gauge({
    name: 'taskhooks_worker_attempts_in_flight',
    help: 'Attempts this process is sending right now.',
    registers: [registry],
    collect() {
      this.set(options.worker()?.stats().inFlight ?? 0);
    },
  });

  return {
    registry,
    recordPublished(results) {
      for (const result of results) (result.duplicate ? duplicates : published).inc();
    },
    recordAttempt(attempt) {
      attemptSeconds.observe({ outcome: attempt.outcome }, attempt.durationMs / 1000);
      if (attempt.outcome === 'succeeded') delivered.inc();
      else if (attempt.outcome === 'failed') failed.inc();
      else retried.inc();
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
