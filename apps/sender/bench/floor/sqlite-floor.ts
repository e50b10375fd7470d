// The SQLite floor: the minimal schema in a temp dir, with the sender's durability settings (WAL,
// synchronous = FULL: the WAL is fsynced at every commit). better-sqlite3 runs on this thread, so
// this process's CPU is the store's whole cost; the fsync waits are not CPU and are not counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uuidv7 } from '../../src/ids/uuidv7.js';
import { selfCpuUs } from './cpu-clock.js';
import { attemptHeadersJson, inBatches, newStoreWork } from './store-floor.js';

export interface SqliteFloorCost {
  publishUs: number;
  completeUs: number;
}

const SCHEMA = `
  CREATE TABLE message (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, model TEXT NOT NULL,
    event TEXT NOT NULL, payload_json TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE delivery (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, endpoint_id TEXT NOT NULL,
    state TEXT NOT NULL, next_attempt_at INTEGER NOT NULL, attempts INTEGER NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state IN ('pending', 'in_flight');
  CREATE TABLE attempt (id TEXT PRIMARY KEY, delivery_id TEXT NOT NULL, status INTEGER, headers_json TEXT,
    duration_ms REAL, outcome TEXT NOT NULL, created_at INTEGER NOT NULL);`;

export async function measureSqliteFloor(
  payload: Record<string, unknown>,
  events: number,
  warmupEvents: number,
): Promise<SqliteFloorCost> {
  const dir = mkdtempSync(join(tmpdir(), 'taskhooks-floor-'));
  const db = new Database(join(dir, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    const work = newStoreWork(payload);
    const insertMessage = db.prepare(
      `INSERT INTO message (id, tenant_id, model, event, payload_json, created_at)
       VALUES (?, ?, 'plan_bound_v2', 'plan.failed', ?, ?)`,
    );
    const insertDelivery = db.prepare(
      `INSERT INTO delivery (id, message_id, endpoint_id, state, next_attempt_at, attempts, created_at)
       VALUES (?, ?, ?, 'in_flight', ?, 1, ?)`,
    );
    const markDelivered = db.prepare(`UPDATE delivery SET state = 'delivered' WHERE id = ?`);
    const insertAttempt = db.prepare(
      `INSERT INTO attempt (id, delivery_id, status, headers_json, duration_ms, outcome, created_at)
       VALUES (?, ?, 204, ?, 1.7, 'delivered', ?)`,
    );
    const publish = db.transaction((count: number, now: number) => {
      const deliveryIds: string[] = [];
      for (let i = 0; i < count; i++) {
        const messageId = uuidv7();
        const deliveryId = uuidv7();
        insertMessage.run(messageId, work.tenantId, work.payloadJson, now);
        insertDelivery.run(deliveryId, messageId, work.endpointId, now + 30_000, now);
        deliveryIds.push(deliveryId);
      }
      return deliveryIds;
    });
    const complete = db.transaction((deliveryIds: string[], now: number) => {
      for (const deliveryId of deliveryIds) {
        markDelivered.run(deliveryId);
        insertAttempt.run(uuidv7(), deliveryId, attemptHeadersJson(deliveryId, now), now);
      }
    });

    const run = async (count: number) => {
      const spent = { publish: 0, complete: 0 };
      await inBatches(count, (batch) => {
        const now = Date.now();
        let before = selfCpuUs();
        const deliveryIds = publish(batch, now);
        spent.publish += selfCpuUs() - before;
        before = selfCpuUs();
        complete(deliveryIds, now);
        spent.complete += selfCpuUs() - before;
      });
      return spent;
    };
    await run(warmupEvents);
    const spent = await run(events);
    return { publishUs: spent.publish / events, completeUs: spent.complete / events };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
