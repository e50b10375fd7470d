import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** apps/sender, the folder the CLI runs from (so `tsx` and workspace packages resolve). */
export const SENDER_ROOT = join(import.meta.dirname, '..', '..');
const CLI_ENTRY = join(SENDER_ROOT, 'src', 'cli', 'main.ts');
const TSX_LOADER = createRequire(import.meta.url).resolve('tsx');

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface SenderProcess {
  child: ChildProcess;
  pid: number;
  /** The API's URL (serve only; null for `worker`). */
  url: string | null;
  /** Every JSON log line printed so far. */
  logs: LogLine[];
  /** Everything that was not a JSON log line (stderr, crash output). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line (past or future) matching `predicate`. */
  waitForLog(predicate: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartSenderOptions {
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}

const running = new Set<SenderProcess>();

/**
 * Spawns `taskhooks serve|worker` as a real child process running the CLI from source (the same
 * command bin/taskhooks.mjs runs, minus its wrapper, so a SIGKILL reaches the sender itself).
 * The environment is exactly `env` plus PATH/HOME: nothing leaks in from the test's own shell.
 * Resolves once the process says it is listening (serve) or working (worker).
 */
export async function startSenderProcess(
  command: 'serve' | 'worker',
  env: Record<string, string>,
  options: StartSenderOptions = {},
): Promise<SenderProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--conditions=@taskhooks/source',
      '--import',
      TSX_LOADER,
      CLI_ENTRY,
      command,
    ],
    {
      cwd: SENDER_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: LogLine[] = [];
  const watchers = new Set<(line: LogLine) => void>();
  let other = '';
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines) {
      const line = parseLogLine(text);
      if (!line) {
        other += `${text}\n`;
        continue;
      }
      logs.push(line);
      for (const watcher of watchers) watcher(line);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    other += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close', not 'exit': only then has everything the process wrote been read (its last log lines).
    child.once('close', (code, signal) => resolve({ code, signal })),
  );

  const sender: SenderProcess = {
    child,
    pid: child.pid!,
    url: null,
    logs,
    output: () => other,
    exited,
    waitForLog(predicate, what, timeoutMs = 30_000) {
      const seen = logs.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<LogLine>((resolve, reject) => {
        const done = (error: Error | null, line?: LogLine) => {
          clearTimeout(timer);
          watchers.delete(watcher);
          if (error) reject(error);
          else resolve(line!);
        };
        const watcher = (line: LogLine) => predicate(line) && done(null, line);
        const timer = setTimeout(
          () => done(new Error(`timed out waiting for ${what}; sender output:\n${other}`)),
          timeoutMs,
        );
        watchers.add(watcher);
        void exited.then(({ code, signal }) =>
          done(new Error(`sender exited (${code ?? signal}) before ${what}:\n${other}`)),
        );
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  running.add(sender);
  void exited.then(() => running.delete(sender));

  const ready = await sender.waitForLog(
    (line) => line.msg === 'taskhooks sender listening' || line.msg === 'taskhooks worker started',
    `taskhooks ${command} to start`,
    options.startTimeoutMs ?? 60_000,
  );
  sender.url = typeof ready.url === 'string' ? ready.url : null;
  return sender;
}

/** SIGKILLs every sender process still running (afterEach safety net). */
export async function killAllSenderProcesses(): Promise<void> {
  await Promise.all([...running].map((sender) => sender.stop('SIGKILL')));
}

function parseLogLine(text: string): LogLine | null {
  if (!text.startsWith('{')) return null;
  try {
    const value = JSON.parse(text) as LogLine;
    return typeof value.msg === 'string' ? value : null;
  } catch {
    return null;
  }
}
