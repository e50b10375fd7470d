import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { SenderConfig } from '../config/env.js';
import { uuidv7 } from '../ids/uuidv7.js';
import type { SenderMetrics } from '../observability/index.js';
import type { OperationalEvent, Store } from '../store/types.js';
import { KEY_MISSING_RETRY_MS } from './deliver-one.js';
import type { HttpDispatcher } from './http-dispatch.js';
import type { SecretsResolver } from './secrets-resolver.js';
import { createDeliveryWorker, type DeliveryWorker } from './worker.js';

export interface WorkerFromConfigOptions {
  config: SenderConfig;
  store: Store;
  /** Re-vets every connection against the destination policy (DNS may have changed since create). */
  dispatcher: HttpDispatcher;
  secrets: SecretsResolver;
  now: () => number;
  logger: Logger;
  metrics: SenderMetrics;
  onAttemptRecorded: () => void;
  notifyOperator: (event: OperationalEvent) => Promise<void> | undefined;
}

/** The delivery worker of `taskhooks serve` / `worker`, set up from the environment's settings. */
export function createWorkerFromConfig(options: WorkerFromConfigOptions): DeliveryWorker {
  const { config, logger, metrics } = options;
  const putOffLogged = new Map<string, number>();
  return createDeliveryWorker({
    store: options.store,
    // Unique per process and readable in lease columns: which host and process holds a row.
    workerId: `${hostname()}:${process.pid}:${uuidv7().slice(-12)}`,
    concurrency: config.TASKHOOKS_WORKER_CONCURRENCY,
    batchSize: config.TASKHOOKS_WORKER_BATCH,
    maxInFlightPerEndpoint: config.TASKHOOKS_MAX_IN_FLIGHT_PER_ENDPOINT,
    maxTimeoutMs: config.TASKHOOKS_MAX_TIMEOUT_MS,
    secrets: options.secrets,
    dispatcher: options.dispatcher,
    clock: options.now,
    ...(config.TASKHOOKS_LEASE_MS === undefined ? {} : { leaseMs: config.TASKHOOKS_LEASE_MS }),
    disableAfterMs: Math.round(config.TASKHOOKS_DISABLE_FAILING_AFTER_HOURS * 3_600_000),
    circuitBreaker: {
      failureThreshold: config.TASKHOOKS_CIRCUIT_FAILURES,
      cooldownMs: config.TASKHOOKS_CIRCUIT_COOLDOWN_MS,
    },
    logger: {
      warn: (details, message) => logger.warn(details, message),
      error: (details, message) => logger.error(details, message),
    },
    onAttempt: (claimed, outcome) => {
      options.onAttemptRecorded();
      metrics.recordAttempt(outcome.attempt);
      const details = {
        deliveryId: claimed.delivery.id,
        messageId: claimed.message.id,
        endpointId: claimed.endpoint.id,
        event: claimed.delivery.event,
        attempt: outcome.attempt.attemptNumber,
        status: outcome.attempt.responseStatus,
        outcome: outcome.attempt.outcome,
        error: outcome.attempt.error,
        durationMs: outcome.attempt.durationMs,
      };
      // A delivery that will not be tried again is worth a line at the default level: the
      // attempts before it are debug noise, its end is what an operator looks for.
      if (outcome.step.state === 'failed') logger.warn(details, 'delivery failed for good');
      else logger.debug(details, 'delivery attempt');
    },
    onPutOff: (claimed, reason) => {
      // Once a minute per endpoint: a backlog would otherwise log a line per delivery.
      const now = Date.now();
      if ((putOffLogged.get(claimed.endpoint.id) ?? -Infinity) > now - KEY_MISSING_RETRY_MS) return;
      putOffLogged.set(claimed.endpoint.id, now);
      logger.error(
        { endpointId: claimed.endpoint.id, deliveryId: claimed.delivery.id, error: reason },
        `deliveries put off for ${KEY_MISSING_RETRY_MS / 1000} s: this process cannot open the endpoint's secrets (set the TASKHOOKS_ENCRYPTION_KEY they were sealed with, or list it in TASKHOOKS_ENCRYPTION_KEYS_OLD)`,
      );
    },
    onOperationalEvent: async (event) => {
      const detail = JSON.parse(event.detailJson) as { endpointId?: unknown; reason?: unknown };
      logger.warn(
        { kind: event.kind, tenantId: event.tenantId, endpointId: detail.endpointId, reason: detail.reason },
        'operational event',
      );
      await options.notifyOperator(event);
    },
  });
}
