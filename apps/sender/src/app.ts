import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { type Logger, pino } from 'pino';
import type { Caller } from './api/context.js';
import { adminKeyAuthenticator, loadOrCreateAdminKey } from './auth/admin-key.js';
import type { SenderConfig } from './config/env.js';
import { applyEnvEndpoint } from './config/env-endpoint.js';
import { createDeliveryWorker, type DeliveryWorker } from './delivery/index.js';
import { uuidv7 } from './ids/uuidv7.js';
import { createPublisher, type Publisher } from './ingest/publisher.js';
import { createRetentionJob, type RetentionJob } from './retention/retention-job.js';
import { createSenderHttpServer } from './server/http-server.js';
import { openStore } from './store/index.js';
import type { Store } from './store/types.js';

export interface SenderAppOptions {
  config: SenderConfig;
  /** Run the HTTP API (serve) — false for a worker-only process. */
  api: boolean;
  /** Run a delivery worker in this process. */
  worker: boolean;
  store?: Store;
  logger?: Logger;
  now?: () => number;
  /** Overrides the admin-key check (tests, and the API-key module later). */
  authenticate?: (authorization: string | undefined) => Promise<Caller | null> | Caller | null;
}

export interface SenderApp {
  store: Store;
  publisher: Publisher;
  worker: DeliveryWorker | null;
  retention: RetentionJob;
  server: http.Server | null;
  logger: Logger;
  /** Starts listening (if api) and working; resolves with the bound URL when the API runs. */
  start(): Promise<{ url: string | null }>;
  /** Graceful stop: stop accepting, commit what was accepted, finish or release in-flight, close. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

export async function createSenderApp(options: SenderAppOptions): Promise<SenderApp> {
  const { config } = options;
  const now = options.now ?? Date.now;
  const logger =
    options.logger ?? pino({ level: config.TASKHOOKS_LOG_LEVEL, base: { service: 'taskhooks' } });
  const store =
    options.store ??
    (await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.TASKHOOKS_DATA_DIR }));
  const { sendingEnabled } = await applyEnvEndpoint(store, config, now());
  if (!sendingEnabled)
    logger.warn('WEBHOOK_ENABLED=false: events are accepted and stored but no webhook is sent');

  const worker = options.worker
    ? createDeliveryWorker({
        store,
        workerId: `${hostname()}:${process.pid}:${uuidv7().slice(-12)}`,
        concurrency: config.TASKHOOKS_WORKER_CONCURRENCY,
        batchSize: config.TASKHOOKS_WORKER_BATCH,
        maxTimeoutMs: config.TASKHOOKS_MAX_TIMEOUT_MS,
        logger: {
          warn: (details, message) => logger.warn(details, message),
          error: (details, message) => logger.error(details, message),
        },
        onOperationalEvent: (event) =>
          logger.warn({ kind: event.kind, tenantId: event.tenantId }, 'operational event'),
      })
    : null;

  const publisher = createPublisher({
    store,
    maxPayloadBytes: config.TASKHOOKS_MAX_PAYLOAD_BYTES,
    sendingEnabled,
    now,
    onCommitted: () => worker?.wake(),
  });

  const retention = createRetentionJob({
    store,
    retentionMs: config.TASKHOOKS_RETENTION_DAYS * 24 * 60 * 60 * 1000,
    now,
    onPurged: (result) => logger.info(result, 'retention purge'),
  });

  let authenticate = options.authenticate;
  if (options.api && !authenticate) {
    const admin = loadOrCreateAdminKey(config.TASKHOOKS_ADMIN_KEY, config.TASKHOOKS_DATA_DIR);
    if (admin.source !== 'TASKHOOKS_ADMIN_KEY')
      logger.warn(
        { file: admin.source },
        'no TASKHOOKS_ADMIN_KEY set: using the admin key stored in this file',
      );
    authenticate = adminKeyAuthenticator(admin.key);
  }
  let stopping = false;
  const server = options.api
    ? createSenderHttpServer({
        services: { store, publisher, now },
        authenticate: authenticate!,
        maxBodyBytes: config.TASKHOOKS_MAX_PAYLOAD_BYTES * 2,
        isReady: () => !stopping,
      })
    : null;

  return {
    store,
    publisher,
    worker,
    retention,
    server,
    logger,
    async start() {
      worker?.start();
      retention.start();
      if (!server) return { url: null };
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
      logger.info({ url, backend: store.dialect }, 'taskhooks sender listening');
      return { url };
    },
    async stop(stopOptions = {}) {
      stopping = true;
      if (server) {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections?.();
      }
      await publisher.drain();
      await worker?.stop({ graceMs: stopOptions.graceMs ?? 10_000 });
      await retention.stop();
      await store.close();
    },
  };
}
