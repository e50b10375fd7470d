import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Test-only reach into the (private) sender app: the published client never depends on it.
import { createSenderApp, type SenderApp, type SenderAppOptions } from '../../../../apps/sender/src/app.js';
import { loadConfig } from '../../../../apps/sender/src/config/env.js';
import {
  type ReceiverHandler,
  startTestReceiver,
  type TestReceiver,
} from '../../../../apps/sender/src/testing/test-receiver.js';

export const ADMIN_KEY = `client-test-admin-${randomBytes(12).toString('hex')}`;

export interface RealSender {
  app: SenderApp;
  url: string;
  receiver: TestReceiver;
  close(): Promise<void>;
}

/** A real sender (API + worker) on 127.0.0.1 over a fresh SQLite file, and a recording receiver. */
export async function startRealSender(
  options: {
    env?: Record<string, string>;
    receiver?: ReceiverHandler;
    rateLimits?: SenderAppOptions['rateLimits'];
  } = {},
): Promise<RealSender> {
  const dir = mkdtempSync(join(tmpdir(), 'th-client-'));
  const receiver = await startTestReceiver(options.receiver ?? ((_req, res) => res.writeHead(204).end()));
  const env = {
    PORT: '0',
    TASKHOOKS_ADMIN_KEY: ADMIN_KEY,
    TASKHOOKS_DATA_DIR: dir,
    TASKHOOKS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TASKHOOKS_LOG_LEVEL: 'silent',
    ...options.env,
  };
  const app = await createSenderApp({
    config: loadConfig(env),
    api: true,
    worker: true,
    env,
    ...(options.rateLimits !== undefined ? { rateLimits: options.rateLimits } : {}),
  });
  const { url } = await app.start();
  return {
    app,
    url: url!,
    receiver,
    async close() {
      await app.stop({ graceMs: 500 });
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
