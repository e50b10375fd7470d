import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPreset, type PresetName } from '../delivery/presets.js';
import { uuidv7 } from '../ids/uuidv7.js';
import type { Endpoint, NewEndpoint, Store } from '../store/types.js';

export const T0 = Date.UTC(2026, 1, 16, 1, 0, 0);

export interface TempStore {
  store: Store;
  tenantId: string;
  addEndpoint(url: string, overrides?: Partial<NewEndpoint> & { preset?: PresetName }): Promise<Endpoint>;
  /** Publishes `count` messages for the tenant; returns their ids. */
  publish(count: number, now?: number, event?: string): Promise<string[]>;
  close(): Promise<void>;
}

export type Backend = 'sqlite' | 'postgres';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A real store with one active tenant: a SQLite file in a temp dir, or a fresh PostgreSQL schema. */
export async function openTempStore(backend: Backend = 'sqlite'): Promise<TempStore> {
  const { store, dispose } = backend === 'sqlite' ? await openSqlite() : await openPostgres();
  const tenantId = uuidv7();
  await store.createTenant({ id: tenantId, name: 'Family', entitlement: 'active' }, T0);
  return {
    store,
    tenantId,
    async addEndpoint(url, { preset = 'seed-002', ...overrides } = {}) {
      const { policy, timeoutMs } = getPreset(preset);
      return store.createEndpoint(
        {
          id: uuidv7(),
          tenantId,
          url,
          method: 'POST',
          description: 'test',
          model: 'test_v1',
          eventFilter: [],
          scheme: { scheme: 'hmac-sha256-hex' },
          secretsSealed: JSON.stringify({ secrets: ['hmac-secret'], headers: {} }),
          retryPolicy: policy,
          timeoutMs,
          enabled: true,
          ...overrides,
        },
        T0,
      );
    },
    async publish(count, now = T0, event = 'task.completed') {
      const messages = Array.from({ length: count }, (_, i) => ({
        id: uuidv7(),
        tenantId,
        model: 'test_v1',
        event,
        payloadJson: JSON.stringify({ id: `payload-${i}`, event, n: i }),
        idempotencyKey: null,
        createdAt: now,
      }));
      const results = await store.publishMessages(messages);
      return results.map((r) => r.messageId);
    },
    async close() {
      await store.close();
      await dispose();
    },
  };
}

// Stores are imported lazily: a static import chain reaching `pg` fails to load under the shared
// vitest conditions (they force "import" onto pg's require('pg-pool')), a dynamic import does not.
async function openSqlite(): Promise<{ store: Store; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'th-delivery-'));
  const { openStore } = await import('../store/open-store.js');
  const store = await openStore({ dataDir: dir });
  return { store, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function openPostgres(): Promise<{ store: Store; dispose: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const { PostgresStore } = await import('../store/postgres/postgres-store.js');
  const schema = `th_delivery_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const store = new PostgresStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
  await store.migrate();
  return { store, dispose: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
}
