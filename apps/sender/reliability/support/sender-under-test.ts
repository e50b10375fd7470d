import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../../src/store/open-store.js';
import { type SenderProcess, startSenderProcess } from '../../src/testing/sender-process.js';
import { secretLedger } from './secret-ledger.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface SenderUnderTest {
  name: string;
  url: string;
  adminKey: string;
  dataDir: string;
  dbPath: string;
  process: SenderProcess;
  /** A tRPC call as any HTTP client makes it (queries GET ?input=, mutations POST). */
  trpc(
    procedure: string,
    input: unknown,
    options?: { key?: string | null; query?: boolean },
  ): Promise<HttpAnswer>;
  /** Any request; `body` is sent as given (string) or as JSON (anything else). */
  request(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<HttpAnswer>;
  /** Rows in a table, read from the sender's own SQLite file (read-only connection). */
  count(table: 'messages' | 'endpoints' | 'api_keys' | 'tenants' | 'deliveries' | 'attempts'): number;
  sql<R>(text: string, ...values: unknown[]): R[];
  /** True while GET /livez answers 200. */
  alive(): Promise<boolean>;
  /** SIGTERM, then the logs go to the ledger's capture; the data dir stays for the secret scan. */
  stop(): Promise<void>;
}

/**
 * A real `taskhooks serve` child process on 127.0.0.1 over a fresh SQLite data dir, logging JSON at
 * debug level (one line per request and per attempt) so the secret scan sees everything it said.
 */
export async function startSenderUnderTest(
  name: string,
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<SenderUnderTest> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `th-rel-${name}-`));
  if (!options.dataDir) secretLedger.addDataDir(dataDir);
  const adminKey = `thk_admin_${randomBytes(32).toString('base64url')}`;
  secretLedger.addSecret(adminKey);
  const child = await startSenderProcess('serve', {
    TASKHOOKS_DATA_DIR: dataDir,
    PORT: '0',
    TASKHOOKS_ADMIN_KEY: adminKey,
    TASKHOOKS_LOG_LEVEL: 'debug',
    TASKHOOKS_LOG_FORMAT: 'json',
    ...env,
  });
  const url = child.url!;
  const dbPath = join(dataDir, SQLITE_FILE_NAME);
  let db: Database.Database | null = null;
  const reader = () => {
    db ??= new Database(dbPath, { readonly: true, fileMustExist: true });
    return db;
  };

  async function send(method: string, path: string, headers: Record<string, string>, body?: string) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  const auth = (key: string | null | undefined): Record<string, string> =>
    key === null ? {} : { authorization: `Bearer ${key ?? adminKey}` };

  return {
    name,
    url,
    adminKey,
    dataDir,
    dbPath,
    process: child,
    trpc(procedure, input, options = {}) {
      if (options.query) {
        const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
        return send('GET', `/trpc/${procedure}${query}`, auth(options.key));
      }
      const headers = { ...auth(options.key), 'content-type': 'application/json' };
      return send('POST', `/trpc/${procedure}`, headers, JSON.stringify(input));
    },
    request(method, path, options = {}) {
      const headers = { ...auth(options.key), ...options.headers };
      if (options.body === undefined) return send(method, path, headers);
      if (typeof options.body === 'string') return send(method, path, headers, options.body);
      headers['content-type'] ??= 'application/json';
      return send(method, path, headers, JSON.stringify(options.body));
    },
    count(table) {
      return (reader().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
    sql<R>(text: string, ...values: unknown[]) {
      return reader()
        .prepare(text)
        .all(...values) as R[];
    },
    async alive() {
      try {
        return (await fetch(`${url}/livez`)).status === 200;
      } catch {
        return false;
      }
    },
    async stop() {
      db?.close();
      db = null;
      await child.stop('SIGTERM');
      await archiveLogs(child, join(secretLedger.workDir(), `${name}-${child.pid}.log`));
    },
  };
}

/** Writes every line the process printed (JSON logs and anything else) to `file` for the scan. */
export async function archiveLogs(child: SenderProcess, file: string): Promise<void> {
  const out = createWriteStream(file);
  for (const line of child.logs) {
    if (!out.write(`${JSON.stringify(line)}\n`))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.write(child.output());
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  secretLedger.addLogFile(file);
}
