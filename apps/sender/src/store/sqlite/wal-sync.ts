import { type FileHandle, open } from 'node:fs/promises';

/**
 * Makes committed WAL frames durable with an fsync on libuv's thread pool instead of inside the
 * commit. With synchronous=FULL, SQLite fsyncs the WAL inside COMMIT, and better-sqlite3 runs on
 * the main thread — so every durable commit froze the event loop (HTTP, deliveries, everything)
 * for a disk flush, and at ~1k publish calls/s the sender spent its time waiting on the disk.
 * Committing with synchronous=NORMAL and then fsyncing the -wal file here gives the same promise
 * (the commit's frames are on disk before the caller hears "stored") while the loop keeps running.
 * Concurrent callers share one fsync; a caller never relies on an fsync that began before its commit.
 */
export class WalSyncer {
  readonly #path: string;
  #handle: Promise<FileHandle> | null = null;
  #requested = 0;
  #synced = 0;
  #running: Promise<void> | null = null;

  constructor(walPath: string) {
    this.#path = walPath;
  }

  /** Resolves once everything committed before this call is on disk. */
  async sync(): Promise<void> {
    const ticket = ++this.#requested;
    while (this.#synced < ticket) {
      this.#running ??= this.#flush().finally(() => {
        this.#running = null;
      });
      await this.#running;
    }
  }

  async #flush(): Promise<void> {
    const upTo = this.#requested;
    this.#handle ??= open(this.#path, 'r+');
    // fdatasync, as SQLite itself uses for the WAL: the frames matter, not the file's mtime.
    await (await this.#handle).datasync();
    this.#synced = upTo;
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await this.#running?.catch(() => {});
    await (await handle?.catch(() => null))?.close();
  }
}
