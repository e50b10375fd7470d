import pg from 'pg';
import { connectionSafety } from './connection.js';

/**
 * Cross-process wake-ups on PostgreSQL: a publish that stores due deliveries sends NOTIFY on this
 * channel (in its transaction, so it arrives only on commit), with the schema as payload so
 * senders on other schemas of the same database ignore it. Separate `taskhooks worker` processes
 * LISTEN and claim at once instead of at their next poll (1 s by default). It is only a hint:
 * workers still poll, so a lost connection or a missed notification delays work, never loses it.
 */
export const DUE_CHANNEL = 'taskhooks_due';

/** Appended to the deliveries INSERT … RETURNING state: notifies once if any inserted row is due. */
export function notifyIfDueSql(insertSql: string): string {
  return `WITH inserted AS (${insertSql} RETURNING state)
    SELECT pg_notify('${DUE_CHANNEL}', current_schema())
    FROM (SELECT 1 FROM inserted WHERE state = 'pending' LIMIT 1) AS due`;
}

/**
 * The same as a CTE list item for a larger statement: `due AS (…)` after a `new_deliveries AS (…)`
 * running `insertSql`; the statement must read `due` (e.g. `UNION ALL SELECT NULL FROM due`), or
 * PostgreSQL never evaluates it.
 */
export function notifyIfDueCte(insertSql: string): string {
  return `new_deliveries AS (${insertSql} RETURNING state),
    due AS (SELECT pg_notify('${DUE_CHANNEL}', current_schema())
      FROM (SELECT 1 FROM new_deliveries WHERE state = 'pending' LIMIT 1) AS pending)`;
}

export interface DueListenerOptions {
  connectionString: string;
  schema?: string;
  connectTimeoutMs?: number;
  /** First retry delay after the listening connection fails; doubles up to 10 s. */
  retryMs?: number;
}

/** One LISTEN connection per store, opened on the first subscriber, re-opened if it drops. */
export class DueListener {
  readonly #options: DueListenerOptions;
  readonly #subscribers = new Set<() => void>();
  #client: pg.Client | null = null;
  #connecting: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #retryMs: number;
  #closed = false;

  constructor(options: DueListenerOptions) {
    this.#options = options;
    this.#retryMs = options.retryMs ?? 250;
  }

  /** Calls `onDue` when another connection commits due deliveries; returns the unsubscribe. */
  subscribe(onDue: () => void): () => Promise<void> {
    this.#subscribers.add(onDue);
    if (!this.#client && !this.#connecting) this.#connecting = this.#connect();
    return async () => {
      this.#subscribers.delete(onDue);
      if (this.#subscribers.size === 0) await this.#disconnect();
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#subscribers.clear();
    await this.#disconnect();
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      ...connectionSafety(this.#options),
      ...(this.#options.schema ? { options: `-c search_path=${this.#options.schema}` } : {}),
    });
    // Errors and drops are expected (server restart, network): retry, and wake subscribers once
    // connected again, since notifications sent meanwhile were missed.
    client.on('error', () => this.#dropped(client));
    client.on('end', () => this.#dropped(client));
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      const schema = rows[0]?.schema ?? 'public';
      client.on('notification', (message) => {
        if (message.channel === DUE_CHANNEL && message.payload === schema) this.#wakeAll();
      });
      await client.query(`LISTEN ${DUE_CHANNEL}`);
      if (this.#closed || this.#subscribers.size === 0) {
        await client.end().catch(() => {});
        return;
      }
      this.#client = client;
      this.#retryMs = this.#options.retryMs ?? 250;
    } catch {
      await client.end().catch(() => {});
      this.#scheduleRetry();
    } finally {
      this.#connecting = null;
    }
  }

  #dropped(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => {});
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#subscribers.size === 0 || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#closed || this.#subscribers.size === 0) return;
      this.#connecting ??= this.#connect().then(() => {
        if (this.#client) this.#wakeAll();
      });
    }, this.#retryMs);
    this.#retryTimer.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
  }

  #wakeAll(): void {
    for (const onDue of this.#subscribers) onDue();
  }

  async #disconnect(): Promise<void> {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    await this.#connecting?.catch(() => {});
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}
