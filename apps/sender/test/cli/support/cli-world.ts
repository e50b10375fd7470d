import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSenderClient, type SenderClient } from '@taskhooks/sender-client';
import { type SenderProcess, startSenderProcess } from '../../../src/testing/sender-process.js';

export interface CliWorld {
  dataDir: string;
  /** A private HOME: the CLI keeps its listen secrets under $HOME/.config/taskhooks. */
  home: string;
  sender: SenderProcess;
  url: string;
  adminKey: string;
  /** The environment every CLI command of the test runs with (finds the sender and its key). */
  cliEnv: Record<string, string>;
  /** Everything `serve` printed that was not a JSON log line (the banner). */
  banner(): string;
  /** The test's own client, to look at what the CLI did. */
  api: SenderClient;
  restartSender(): Promise<void>;
  close(): Promise<void>;
}

/** A real `taskhooks serve` on a fresh data dir and a free port, as the CLI under test sees it. */
export async function startCliWorld(): Promise<CliWorld> {
  const root = mkdtempSync(join(tmpdir(), 'taskhooks-cli-'));
  const dataDir = join(root, 'data');
  const home = join(root, 'home');
  const world = { dataDir, home } as CliWorld;
  const start = async (port: string) => {
    const serveEnv = { TASKHOOKS_DATA_DIR: dataDir, PORT: port, HOME: home, TASKHOOKS_LOG_LEVEL: 'info' };
    world.sender = await startSenderProcess('serve', serveEnv);
    world.url = world.sender.url!;
    // The banner follows the "listening" log line; wait for its last line.
    await waitUntil(() => world.sender.output().includes('Ctrl-C stops'), 'the serve banner');
    world.adminKey = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
    world.cliEnv = { HOME: home, TASKHOOKS_DATA_DIR: dataDir, TASKHOOKS_API_URL: world.url };
    world.api = createSenderClient({ url: world.url, apiKey: world.adminKey, tenantId: 'default' });
  };
  world.banner = () => world.sender.output();
  await start('0');
  // Same port again: the CLI keys its listen secret by the sender's URL.
  world.restartSender = async () => {
    await world.sender.stop('SIGTERM');
    await start(new URL(world.url).port);
  };
  world.close = async () => {
    // Graceful first; a sender that does not stop in time is killed, never left behind.
    const stopped = world.sender.stop('SIGTERM');
    const timer = setTimeout(() => world.sender.child.kill('SIGKILL'), 10_000);
    await stopped;
    clearTimeout(timer);
    rmSync(root, { recursive: true, force: true });
  };
  return world;
}

export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
