import { describe, expect, it, vi } from 'vitest';
import type { SenderApp } from '../../app.js';
import { runUntilSignal } from './run-until-signal.js';

function fakeApp(stop: () => Promise<void>) {
  const lines: Array<{ level: string; msg: string }> = [];
  const log = (level: string) => (detailsOrMsg: unknown, msg?: string) =>
    lines.push({ level, msg: typeof detailsOrMsg === 'string' ? detailsOrMsg : (msg ?? '') });
  const app = {
    start: async () => ({ url: null }),
    stop,
    logger: { info: log('info'), error: log('error'), warn: log('warn') },
  } as unknown as SenderApp;
  return { app, lines };
}

const stopped = () => AbortSignal.abort('SIGTERM');

describe('runUntilSignal', () => {
  it('gives up on a stop that does not finish by the deadline: error logged, exit code 1', async () => {
    const { app, lines } = fakeApp(() => new Promise<void>(() => {})); // a database that never answers
    const exit = vi.fn();
    await runUntilSignal(app, stopped(), async () => {}, { stopDeadlineMs: 200, exit });
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines.find((l) => l.level === 'error')?.msg).toMatch(/graceful stop did not finish in time/);
  });

  it('exits normally when the stop finishes in time, without waiting for the deadline', async () => {
    const { app, lines } = fakeApp(async () => {});
    const exit = vi.fn();
    const started = Date.now();
    await runUntilSignal(app, stopped(), async () => {}, { stopDeadlineMs: 10_000, exit });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(exit).not.toHaveBeenCalled();
    expect(lines.map((l) => l.msg)).toContain('stopped');
  });
});
