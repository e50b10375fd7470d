import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export interface BenchReceiver {
  url: string;
  pid: number;
  /** Resolves with the receiver's clock time when `count` distinct webhook-ids have arrived. */
  waitForDistinct(count: number, timeoutMs: number): Promise<{ at: number; requests: number }>;
  arrivals(): Promise<{ arrivals: Map<string, number>; requests: number }>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

type Reply =
  | { type: 'ready'; port: number }
  | { type: 'reached'; at: number; requests: number }
  | { type: 'arrivals'; arrivals: [string, number][]; requests: number }
  | { type: 'reset' };

export async function startBenchReceiver(): Promise<BenchReceiver> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'receiver-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends Reply['type']>(type: T, timeoutMs = 30_000) =>
    new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`receiver: no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: Reply) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as Extract<Reply, { type: T }>);
      };
      child.on('message', onMessage);
    });
  const { port } = await next('ready');
  return {
    url: `http://127.0.0.1:${port}/hook`,
    pid: child.pid!,
    async waitForDistinct(count, timeoutMs) {
      const reached = next('reached', timeoutMs);
      child.send({ type: 'expect', count });
      const { at, requests } = await reached;
      return { at, requests };
    },
    async arrivals() {
      const reply = next('arrivals');
      child.send({ type: 'arrivals' });
      const { arrivals, requests } = await reply;
      return { arrivals: new Map(arrivals), requests };
    },
    async reset() {
      const reply = next('reset');
      child.send({ type: 'reset' });
      await reply;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'exit' });
      await exited;
    },
  };
}
