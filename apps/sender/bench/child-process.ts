import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** A TypeScript child of the benchmark, talking over IPC (`ready`, then whatever the script sends). */
export interface BenchChild {
  child: ChildProcess;
  pid: number;
  next(type: string, timeoutMs: number): Promise<Record<string, unknown>>;
  send(message: Record<string, unknown>): void;
  /** Sends `exit` and waits; SIGKILLs after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

export async function forkBenchChild(script: string, env: Record<string, string>): Promise<BenchChild> {
  const child = fork(join(import.meta.dirname, script), [], {
    execArgv: ['--import', 'tsx'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string, timeoutMs: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`${script}: no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  await next('ready', 60_000);
  return {
    child,
    pid: child.pid!,
    next,
    send: (message) => child.send(message),
    async close(graceMs = 10_000) {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
