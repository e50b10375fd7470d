import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SENDER_ROOT } from '../../../src/testing/sender-process.js';

/** The real binary: bin/taskhooks.mjs re-executes Node with tsx and the source condition. */
const BIN = join(SENDER_ROOT, 'bin', 'taskhooks.mjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with stdout once it matches `pattern` (rejects after `timeoutMs` or on exit). */
  waitForStdout(pattern: RegExp, what: string, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends `signal` (Ctrl-C by default) and waits for the exit. */
  interrupt(signal?: NodeJS.Signals, options?: { group?: boolean }): Promise<CliResult>;
  exited: Promise<CliResult>;
}

const running = new Set<RunningCli>();

/**
 * Starts `taskhooks <args>` with exactly `env` (plus PATH): nothing leaks in from the test's
 * shell, and stdout/stderr are pipes (so no colours, no progress bars).
 */
export function startCli(args: string[], env: Record<string, string>, cwd = SENDER_ROOT): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: the safety net can kill the wrapper and the CLI it runs together.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<CliResult>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const cli: RunningCli = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForStdout(pattern, what, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) finish(null, match);
        };
        const finish = (error: Error | null, match?: RegExpExecArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        const timer = setTimeout(
          () => finish(new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
          timeoutMs,
        );
        listeners.add(check);
        void exited.then(() =>
          finish(new Error(`CLI exited before ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
        );
        check();
      });
    },
    async interrupt(signal = 'SIGINT', { group = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        // A terminal's Ctrl-C signals the whole foreground group: the wrapper and the CLI it runs.
        if (group) process.kill(-child.pid!, signal);
        else child.kill(signal);
      }
      return exited;
    },
  };
  running.add(cli);
  void exited.then(() => running.delete(cli));
  return cli;
}

/** Runs `taskhooks <args>` to completion (killed after `timeoutMs`). */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  options: { timeoutMs?: number; cwd?: string } = {},
): Promise<CliResult> {
  const cli = startCli(args, env, options.cwd);
  const timer = setTimeout(() => killGroup(cli.child), options.timeoutMs ?? 30_000);
  try {
    return await cli.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** SIGKILLs every CLI still running, wrapper and child (afterEach/afterAll safety net). */
export async function killAllClis(): Promise<void> {
  await Promise.all(
    [...running].map((cli) => {
      killGroup(cli.child);
      return cli.exited;
    }),
  );
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
