import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

/** The sender's CLI inside this workspace (the sender app is private, so it is run from source). */
const TASKHOOKS_BIN = join(import.meta.dirname, '..', '..', 'sender', 'bin', 'taskhooks.mjs');

export interface RunningSender {
  url: string;
  adminKey: string;
  logFile: string;
  /** Graceful stop (SIGTERM: the sender finishes in-flight deliveries), then resolves. */
  stop(): Promise<void>;
}

/**
 * Starts `taskhooks serve` exactly as a user would: zero configuration except a fresh data
 * directory, development mode (so the receiver on 127.0.0.1 is an allowed destination) and an
 * admin key the demo can use. Its own log goes to a file so the terminal shows the story.
 */
export async function startSender(options: {
  dataDir: string;
  preferredPort: number;
  onUnexpectedExit: (code: number | null) => void;
}): Promise<RunningSender> {
  const port =
    options.preferredPort !== 0 && (await isPortFree(options.preferredPort))
      ? options.preferredPort
      : await freePort();
  const adminKey = `thk_demo_${randomBytes(24).toString('base64url')}`;
  const logFile = join(options.dataDir, 'sender.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [TASKHOOKS_BIN, 'serve'], {
    env: {
      ...process.env,
      TASKHOOKS_DATA_DIR: options.dataDir,
      TASKHOOKS_MODE: 'development',
      TASKHOOKS_ADMIN_KEY: adminKey,
      HOST: '127.0.0.1',
      PORT: String(port),
      TASKHOOKS_LOG_FORMAT: 'json',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then((code) => {
    if (!stopping) options.onUnexpectedExit(code);
  });

  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child, logFile);
  return {
    url,
    adminKey,
    logFile,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  // The first start on a fresh clone compiles nothing but does load TypeScript through tsx: allow a minute.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`taskhooks serve exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`taskhooks serve did not become ready within 60 s; see ${logFile}`);
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
