import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createSenderApp, type SenderApp, type SenderAppOptions } from '../../app.js';
import { loadConfig } from '../../config/env.js';
import type { Store } from '../../store/types.js';
import { type ReceiverHandler, startTestReceiver, type TestReceiver } from '../../testing/test-receiver.js';
import { appRouter } from '../router.js';

export type Backend = 'sqlite' | 'postgres';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN_KEY = `test-admin-${randomBytes(16).toString('hex')}`;

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T;
  error?: {
    message: string;
    data: { httpStatus: number; reason?: string; issues: { path: string; message: string; code: string }[] };
  };
}

export interface ApiHarness {
  app: SenderApp;
  store: Store;
  url: string;
  receiver: TestReceiver;
  backend: Backend;
  /** Where the SQLite file lives (sqlite) or the schema name (postgres): for at-rest checks. */
  sqlitePath: string | null;
  pgSchema: string | null;
  /** Everything the app logged (level trace), for "secrets never logged" checks. */
  logs: () => string;
  call<T = Record<string, unknown>>(
    procedure: string,
    input: unknown,
    key?: string | null,
  ): Promise<CallResult<T>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  now?: () => number;
  rateLimits?: SenderAppOptions['rateLimits'];
  receiver?: ReceiverHandler;
}

const procedureTypes = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;

/**
 * A real sender (HTTP API + worker) on 127.0.0.1 over a fresh SQLite file or PostgreSQL schema,
 * a receiver that records requests, and an HTTP client that calls procedures as any client would
 * (queries with GET, mutations with POST).
 */
export async function startApiHarness(backend: Backend, options: HarnessOptions = {}): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'th-api-'));
  const { store, sqlitePath, pgSchema, dispose } = await openBackend(backend, dir);
  const receiver = await startTestReceiver(options.receiver ?? ((_req, res) => res.writeHead(204).end()));
  const logLines: string[] = [];
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const env = {
    TASKHOOKS_DATA_DIR: join(dir, 'data'),
    TASKHOOKS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...options.env,
  };
  const config = loadConfig({ PORT: '0', TASKHOOKS_ADMIN_KEY: ADMIN_KEY, ...env });
  const app = await createSenderApp({
    config,
    api: true,
    worker: true,
    store,
    logger,
    env,
    ...(options.now ? { now: options.now } : {}),
    ...(options.rateLimits !== undefined ? { rateLimits: options.rateLimits } : {}),
  });
  const { url } = await app.start();

  return {
    app,
    store,
    url: url!,
    receiver,
    backend,
    sqlitePath,
    pgSchema,
    logs: () => logLines.join(''),
    async call<T>(procedure: string, input: unknown, key: string | null = ADMIN_KEY): Promise<CallResult<T>> {
      const type = procedureTypes[procedure]?._def.type;
      if (!type) throw new Error(`no procedure ${procedure}`);
      const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
      const response =
        type === 'query'
          ? await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
              headers,
            })
          : await fetch(`${url}/trpc/${procedure}`, {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify(input),
            });
      const body = (await response.json()) as { result?: { data: T }; error?: CallResult['error'] };
      return {
        status: response.status,
        headers: response.headers,
        data: body.result?.data as T,
        error: body.error,
      };
    },
    async close() {
      await app.stop({ graceMs: 1000 });
      await receiver.close();
      await dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openBackend(backend: Backend, dir: string) {
  if (backend === 'sqlite') {
    const { SqliteStore } = await import('../../store/sqlite/sqlite-store.js');
    const sqlitePath = join(dir, 'taskhooks.db');
    const store = new SqliteStore({ path: sqlitePath });
    await store.migrate();
    return { store: store as Store, sqlitePath, pgSchema: null, dispose: async () => {} };
  }
  // Imported lazily: see testing/temp-store.ts on pg under the shared vitest conditions.
  const { PostgresStore } = await import('../../store/postgres/postgres-store.js');
  const pgSchema = `th_api_${randomBytes(6).toString('hex')}`;
  await pgQuery(`CREATE SCHEMA ${pgSchema}`);
  const store = new PostgresStore({
    connectionString: TEST_DATABASE_URL,
    schema: pgSchema,
    maxConnections: 4,
  });
  await store.migrate();
  return {
    store: store as Store,
    sqlitePath: null,
    pgSchema,
    dispose: async () => {
      await pgQuery(`DROP SCHEMA ${pgSchema} CASCADE`);
    },
  };
}

/** One query on a short-lived connection (raw row checks, schema set-up). */
export async function pgQuery(sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Polls until `check` returns something other than undefined/false (bounded). */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
