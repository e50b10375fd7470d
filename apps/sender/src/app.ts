import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { apiSettingsOf, loadApiSettings } from './api/api-settings.js';
import type { Caller, ManagementServices } from './api/context.js';
import { loadOrCreateAdminKey } from './auth/admin-key.js';
import { createAuthenticator } from './auth/authenticator.js';
import { createRotatingSecretsResolver } from './auth/endpoint-secrets.js';
import type { SenderConfig } from './config/env.js';
import { applyEnvEndpoint } from './config/env-endpoint.js';
import { checkManagedEndpointUrl, refuseUrlCredentials } from './config/managed-endpoint.js';
import { SENDER_VERSION } from './delivery/build-request.js';
import { createHttpDispatcher, type DeliveryWorker } from './delivery/index.js';
import { createWorkerFromConfig } from './delivery/worker-from-config.js';
import { createPublisher, type Publisher } from './ingest/publisher.js';
import {
  checkReadiness,
  createLogger,
  createSenderMetrics,
  type SenderMetrics,
} from './observability/index.js';
import { applyOperatorEndpoint } from './operator/operator-endpoint.js';
import { createOperatorNotifier, forwardRecentOperationalEvents } from './operator/operator-notifier.js';
import { createPortalLinks, createPortalWebSurface } from './portal/portal-setup.js';
import { buildOpenApiDocument, operationalPaths, restOperations } from './rest/index.js';
import { createRetentionJob, type RetentionJob } from './retention/retention-job.js';
import { DestinationPolicy, parseDestinationAllowlist } from './security/destination-policy.js';
import { ENCRYPTION_KEY_VAR, loadEncryptionKeys } from './security/encryption-keys.js';
import { rateLimitsFromSettings, type TokenBucketRateLimiter } from './security/rate-limiter.js';
import { SecretBox } from './security/secret-box.js';
import { createGuardedConnector, type ResolveHost } from './security/ssrf-guard.js';
import { createSenderHttpServer } from './server/http-server.js';
import { createProbeServer } from './server/probe-routes.js';
import { openStore } from './store/index.js';
import type { OperationalEvent, Store } from './store/types.js';

export interface SenderAppOptions {
  config: SenderConfig;
  /** Run the HTTP API (serve) — false for a worker-only process. */
  api: boolean;
  /** Run a delivery worker in this process. */
  worker: boolean;
  store?: Store;
  logger?: Logger;
  now?: () => number;
  /** Overrides API-key authentication (bootstrap admin key + stored keys) entirely. */
  authenticate?: (authorization: string | undefined) => Promise<Caller | null> | Caller | null;
  /**
   * Where the encryption keys are read (default process.env). When given, the management settings
   * (destination allowlist, rate limits, secret overlap) are re-read from it too, overriding `config`.
   */
  env?: Record<string, string | undefined>;
  /** Overrides the rate limits (per tenant or admin key) from the environment; false turns them off. */
  rateLimits?: { publish: TokenBucketRateLimiter; management: TokenBucketRateLimiter } | false;
  /** DNS used to vet endpoint URLs and delivery destinations (tests inject one). */
  resolveHost?: ResolveHost;
}

export interface SenderApp {
  store: Store;
  publisher: Publisher;
  worker: DeliveryWorker | null;
  retention: RetentionJob;
  server: http.Server | null;
  logger: Logger;
  /** Prometheus metrics (also served at /metrics by the API). */
  metrics: SenderMetrics;
  /** Starts listening (if api) and working; resolves with the bound URL when the API runs. */
  start(): Promise<{ url: string | null }>;
  /** Graceful stop: stop accepting, commit what was accepted, finish or release in-flight, close. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** A magic link to the tenant's endpoint portal (default 15 min, opens once); after start(), API only. */
  createPortalLink(options: { tenantId: string; ttlSeconds?: number }): string;
}

export async function createSenderApp(options: SenderAppOptions): Promise<SenderApp> {
  const { config } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger(config);
  const env = options.env ?? process.env;
  const settings = options.env ? loadApiSettings(options.env) : apiSettingsOf(config);
  const destinationPolicy = new DestinationPolicy({
    mode: config.TASKHOOKS_MODE,
    ...parseDestinationAllowlist(settings.TASKHOOKS_DESTINATION_ALLOWLIST),
  });
  for (const variable of ['WEBHOOK_URL', 'TASKHOOKS_OPERATOR_WEBHOOK_URL'] as const)
    refuseUrlCredentials(variable, config[variable]);
  // With sending off nothing goes to these URLs, so nothing about them can fail yet.
  if (config.WEBHOOK_ENABLED !== false) {
    for (const variable of ['WEBHOOK_URL', 'TASKHOOKS_OPERATOR_WEBHOOK_URL'] as const) {
      await checkManagedEndpointUrl(variable, config[variable], destinationPolicy, options.resolveHost);
    }
  }
  // Before the store opens: a missing or malformed key fails the start with nothing left open.
  const encryptionKeys = loadEncryptionKeys({
    env,
    mode: config.TASKHOOKS_MODE,
    dataDir: config.TASKHOOKS_DATA_DIR,
    warn: (message) => logger.warn(message),
  });
  if (config.DATABASE_URL && encryptionKeys.source !== 'env')
    logger.warn(
      `${ENCRYPTION_KEY_VAR} is not set while DATABASE_URL is: every process on this database (serve and workers) must seal and open endpoint secrets with the same key, and this one uses its own data dir's development key; set ${ENCRYPTION_KEY_VAR} to the same value in all of them`,
    );
  const secretBox = new SecretBox(encryptionKeys);
  const store =
    options.store ??
    (await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.TASKHOOKS_DATA_DIR }));
  // Portal links are signed with a key derived from the same encryption key: no second key to keep.
  const portalLinks = createPortalLinks({ config, encryptionKey: encryptionKeys.current.key, now, store });
  let sendingEnabled: boolean;
  let operatorWebhooks: Awaited<ReturnType<typeof applyOperatorEndpoint>>;
  try {
    ({ sendingEnabled } = await applyEnvEndpoint(store, config, now(), secretBox));
    operatorWebhooks = await applyOperatorEndpoint(store, config, now(), secretBox);
  } catch (error) {
    // e.g. WEBHOOK_TENANT changed since the first start: a store this call opened must not keep
    // the process alive (SQLite's checkpointer thread) after the error is reported.
    if (!options.store) await store.close().catch(() => {});
    throw error;
  }
  // Set once the publisher exists; the worker only calls it after start().
  let notifyOperator: ((event: OperationalEvent) => Promise<void>) | null = null;
  if (options.api && config.TASKHOOKS_MODE === 'production' && !config.TASKHOOKS_METRICS_TOKEN)
    logger.warn(
      'TASKHOOKS_METRICS_TOKEN is not set: anyone who reaches /metrics reads queue depths and the ids of failing endpoints; set it unless the port is private',
    );
  if (!sendingEnabled)
    logger.warn(
      'WEBHOOK_ENABLED=false: events are accepted and stored but no webhook is sent; deliveries already waiting stay pending, test sends and redeliveries are refused',
    );

  // Reported when the process stops, so an operator (and the scale-out test) sees what each worker did.
  let attemptsRecorded = 0;
  let worker: DeliveryWorker | null = null;
  const metrics = createSenderMetrics({
    store,
    clock: now,
    worker: () => worker,
    onCollectError: (error) => logger.warn({ err: String(error) }, 'metrics: could not read the store'),
  });
  // WEBHOOK_ENABLED=false sends nothing at all: no worker, so no retry of an earlier delivery either.
  const dispatcher =
    options.worker && sendingEnabled
      ? createHttpDispatcher({
          maxTimeoutMs: config.TASKHOOKS_MAX_TIMEOUT_MS,
          connect: createGuardedConnector({
            policy: destinationPolicy,
            ...(options.resolveHost ? { resolve: options.resolveHost } : {}),
          }),
        })
      : null;
  worker = dispatcher
    ? createWorkerFromConfig({
        config,
        store,
        dispatcher,
        // Secrets are opened per attempt; rotated-out ones stop signing when their overlap ends.
        secrets: createRotatingSecretsResolver(secretBox, { now, acceptLegacyPlainJson: true }),
        now,
        logger,
        metrics,
        onAttemptRecorded: () => attemptsRecorded++,
        notifyOperator: (event) => notifyOperator?.(event),
      })
    : null;

  const publisher = createPublisher({
    store,
    maxPayloadBytes: config.TASKHOOKS_MAX_PAYLOAD_BYTES,
    sendingEnabled,
    now,
    ...(worker ? { handoff: worker } : {}),
    onCommitted: (results, leased) => {
      metrics.recordPublished(results);
      // Deliveries handed straight to this process's worker need no claim round.
      if (results.reduce((sum, r) => sum + r.deliveriesCreated, 0) > leased) worker?.wake();
    },
  });

  // With sending off, a forwarded event would spend its idempotency key on a message sent nowhere;
  // not forwarding leaves it to a later start's sweep (last 24 hours) once sending is on again.
  if (operatorWebhooks && sendingEnabled)
    notifyOperator = createOperatorNotifier({ publisher, store, logger });

  const retention = createRetentionJob({
    store,
    retentionMs: config.TASKHOOKS_RETENTION_DAYS * 24 * 60 * 60 * 1000,
    ...(config.TASKHOOKS_RECORD_RETENTION_DAYS === undefined
      ? {}
      : { recordRetentionMs: config.TASKHOOKS_RECORD_RETENTION_DAYS * 24 * 60 * 60 * 1000 }),
    now,
    onPurged: (result) => logger.info(result, 'retention purge'),
  });

  let authenticate = options.authenticate;
  if (options.api && !authenticate) {
    const admin = loadOrCreateAdminKey(config.TASKHOOKS_ADMIN_KEY, config.TASKHOOKS_DATA_DIR);
    if (admin.source !== 'TASKHOOKS_ADMIN_KEY')
      logger.warn(
        { file: admin.source },
        admin.created
          ? 'no TASKHOOKS_ADMIN_KEY set: generated an admin key and stored it in this file'
          : 'no TASKHOOKS_ADMIN_KEY set: using the admin key stored in this file',
      );
    authenticate = createAuthenticator({
      store,
      bootstrapAdminKey: admin.key,
      now,
      onTouchError: (error) => logger.warn({ err: String(error) }, 'could not record API key use'),
    });
  }
  const management: ManagementServices = {
    secretBox,
    destinationPolicy,
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
    maxTimeoutMs: config.TASKHOOKS_MAX_TIMEOUT_MS,
    secretOverlapMs: settings.TASKHOOKS_SECRET_OVERLAP_HOURS * 3_600_000,
    acceptLegacyPlainSecrets: true,
    sendingEnabled,
    wakeWorkers: () => worker?.wake(),
    ...(options.api ? { portal: portalLinks.access } : {}),
  };
  const rateLimits = options.rateLimits ?? rateLimitsFromSettings(settings);
  let stopping = false;
  const operations = restOperations({
    model: config.TASKHOOKS_WEBHOOKS_MODEL,
    signatureHeader: config.TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER,
    eventHeader: config.TASKHOOKS_WEBHOOKS_EVENT_HEADER,
    retryPreset: config.TASKHOOKS_WEBHOOKS_RETRY_PRESET,
  });
  const services = { store, publisher, now, management, ...(rateLimits ? { rateLimits } : {}) };
  const server = options.api
    ? createSenderHttpServer({
        services,
        authenticate: authenticate!,
        maxBodyBytes: config.TASKHOOKS_MAX_PAYLOAD_BYTES * 2,
        isReady: () => !stopping,
        isStopping: () => stopping,
        readiness: () => checkReadiness({ stopping, store }),
        rest: {
          operations,
          openApiDocument: buildOpenApiDocument(operations, {
            version: SENDER_VERSION,
            extraPaths: operationalPaths,
          }),
        },
        metrics: {
          metrics,
          ...(config.TASKHOOKS_METRICS_TOKEN ? { token: config.TASKHOOKS_METRICS_TOKEN } : {}),
        },
        logger,
        web: createPortalWebSurface({
          config,
          access: portalLinks.access,
          services,
          maxBodyBytes: config.TASKHOOKS_MAX_PAYLOAD_BYTES * 2,
          logger,
        }),
      })
    : null;
  // A worker-only process serves its probes and metrics on their own port when asked to.
  const probeServer =
    !server && worker && config.TASKHOOKS_WORKER_PROBE_PORT !== undefined
      ? createProbeServer({
          isReady: () => !stopping,
          readiness: () => checkReadiness({ stopping, store }),
          metrics: {
            metrics,
            ...(config.TASKHOOKS_METRICS_TOKEN ? { token: config.TASKHOOKS_METRICS_TOKEN } : {}),
          },
          logger,
        })
      : null;

  return {
    store,
    publisher,
    worker,
    retention,
    server,
    logger,
    metrics,
    async start() {
      if (notifyOperator) {
        // In the background: forwarding is idempotent, and a failure must not keep delivery from starting.
        const skipped = (error: unknown, event: OperationalEvent) =>
          logger.warn({ err: String(error), kind: event.kind }, 'could not forward an operational event');
        forwardRecentOperationalEvents(store, notifyOperator, now(), skipped).catch((error: unknown) =>
          logger.warn(
            { err: String(error) },
            'could not forward recent operational events to the operator webhook',
          ),
        );
      }
      if (!server) {
        const probes = probeServer
          ? await listen(probeServer, config.TASKHOOKS_WORKER_PROBE_PORT!, config.HOST)
          : null;
        worker?.start();
        retention.start();
        if (worker)
          logger.info({ backend: store.dialect, ...(probes ? { probes } : {}) }, 'taskhooks worker started');
        else logger.warn('taskhooks worker: WEBHOOK_ENABLED=false, so this process sends nothing');
        return { url: null };
      }
      // Listen first: a serve whose port is taken must not leave a worker running without its API
      // (a hidden second worker on the same data).
      const url = await listen(server, config.PORT, config.HOST);
      worker?.start();
      retention.start();
      portalLinks.listening(url);
      logger.info({ url, backend: store.dialect }, 'taskhooks sender listening');
      return { url };
    },
    createPortalLink({ tenantId, ttlSeconds }) {
      if (!server) throw new Error('createPortalLink: this process serves no API (worker only)');
      return portalLinks.access.createLink(tenantId, ttlSeconds).url;
    },
    async stop(stopOptions = {}) {
      stopping = true;
      const graceMs = stopOptions.graceMs ?? 10_000;
      // Claims stop at once and the HTTP requests drain meanwhile, each with the whole grace period:
      // attempts in flight finish (or are handed back) while slow clients finish their requests, so
      // a deployment's termination grace of a little more than graceMs covers a stop. Events
      // published during the drain are stored pending for the next claim.
      const workerStopped = worker?.stop({ graceMs }) ?? null;
      workerStopped?.catch(() => {}); // settled below; not an unhandled rejection meanwhile
      if (server) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Idle keep-alive connections go at once; requests still running get the grace period,
        // then their connections are cut: a client that never sends the rest of its body (or
        // never reads the answer) must not hold the process for Node's 5-minute request timeout.
        server.closeIdleConnections?.();
        const cutOff = setTimeout(() => server.closeAllConnections?.(), graceMs);
        await closed;
        clearTimeout(cutOff);
      }
      try {
        await publisher.drain();
        if (workerStopped) {
          try {
            await workerStopped;
          } finally {
            await dispatcher?.close();
          }
          logger.info({ attemptsRecorded }, 'delivery worker stopped');
        }
      } finally {
        // Also when handing leases back failed (the database gone at shutdown): the leases expire
        // and the rows are claimed again, but timers and connections must not keep the process up.
        await retention.stop();
        await store.close();
        // Last: /readyz says "stopping" for as long as the stop takes.
        if (probeServer?.listening) {
          probeServer.closeAllConnections();
          await new Promise<void>((resolve) => probeServer.close(() => resolve()));
        }
      }
    },
  };
}

/** Listens on `port` (0: any free one) and resolves with the URL it is reachable at. */
async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
}
