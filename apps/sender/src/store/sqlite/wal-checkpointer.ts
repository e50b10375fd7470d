import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs WAL checkpoints on a worker thread with its own connection.
 *
 * Why: SQLite's automatic checkpoint runs inside whichever COMMIT crosses 1000 WAL pages — on the
 * main thread, since better-sqlite3 is synchronous. It copies those pages into the database file
 * and fsyncs the WAL and the database, so every ~100 delivered events one publish or claim froze
 * the event loop (HTTP, deliveries, everything) for several ms, tens under disk load: the p99.
 * A PASSIVE checkpoint from another connection never blocks the writer, and SQLite keeps its own
 * crash-safety rules whichever connection checkpoints, so durability is unchanged.
 */
export interface WalCheckpointer {
  close(): Promise<void>;
}

/** How often the thread checks the WAL; an idle check costs one stat() and no I/O. */
const CHECK_INTERVAL_MS = 100;
/** Checkpoint once the WAL is this large (SQLite's own default threshold is 1000 pages ≈ 4 MiB). */
const CHECKPOINT_AT_BYTES = 1024 * 1024;

// CommonJS source for an eval'd worker: it must not depend on the TS loader the app runs under.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driverPath);
const db = new Database(workerData.dbPath, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const walPath = db.name + '-wal';
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let failures = 0;
const timer = setInterval(() => {
  let size = 0;
  try { size = statSync(walPath).size; } catch { return; }
  if (size < workerData.thresholdBytes) return;
  try { checkpoint.run(); failures = 0; }
  catch (error) { if (++failures === 1) parentPort.postMessage({ type: 'error', message: String(error) }); }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  try { db.close(); } finally { parentPort.close(); }
});
parentPort.postMessage({ type: 'ready' });
`;

/**
 * Starts the checkpoint thread for a WAL database; resolves null if it cannot start, in which case
 * the caller keeps SQLite's automatic checkpoints (slower, never unsafe).
 */
export function startWalCheckpointer(
  dbPath: string,
  hooks: { onError?: (message: string) => void; onStopped?: () => void } = {},
): Promise<WalCheckpointer | null> {
  const onError = hooks.onError ?? (() => {});
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          driverPath,
          dbPath,
          intervalMs: CHECK_INTERVAL_MS,
          thresholdBytes: CHECKPOINT_AT_BYTES,
        },
      });
    } catch {
      resolve(null);
      return;
    }
    // Never keeps the process alive; close() ends it explicitly.
    worker.unref();
    let closing = false;
    const exited = new Promise<void>((done) =>
      worker.once('exit', () => {
        // A thread that died on its own: the caller falls back to automatic checkpoints.
        if (!closing) hooks.onStopped?.();
        done();
      }),
    );
    worker.on('error', (error) => {
      onError(String(error));
      resolve(null);
    });
    worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'error') onError(message.message ?? 'checkpoint failed');
      if (message.type !== 'ready') return;
      resolve({
        async close() {
          closing = true;
          worker.postMessage('close');
          const timer = setTimeout(() => void worker.terminate(), 2000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
