import type { SenderApp } from '../../app.js';
import { ExitCode } from '../exit-codes.js';

/** The app's default grace period (app.stop) plus time to close the store and connections. */
const STOP_DEADLINE_MS = 10_000 + 5_000;

export interface RunUntilSignalOptions {
  /** How long the graceful stop may take before the process gives up on it. */
  stopDeadlineMs?: number;
  /** Ends the process when the stop is overdue (injectable in tests). */
  exit?: (code: number) => void;
}

/**
 * Starts the app, runs `onStarted` with its URL (null for a worker), waits for SIGINT/SIGTERM
 * (`signal`) and stops gracefully: no new requests or claims, in-flight attempts finish. A stop
 * still waiting after the deadline (a database that stopped answering holds its calls forever)
 * is abandoned with an error and exit code 1, instead of hanging until a supervisor's SIGKILL.
 */
export async function runUntilSignal(
  app: SenderApp,
  signal: AbortSignal,
  onStarted: (url: string) => Promise<void>,
  options: RunUntilSignalOptions = {},
): Promise<void> {
  let url: string | null;
  try {
    ({ url } = await app.start());
  } catch (error) {
    // e.g. the port is taken: release the store (and anything started) so the process exits.
    await app.stop().catch(() => {});
    throw error;
  }
  try {
    if (url !== null) await onStarted(url);
    if (!signal.aborted)
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    app.logger.info(
      { signal: String(signal.reason ?? 'SIGTERM') },
      'shutting down: no new claims, finishing in-flight deliveries',
    );
  } finally {
    await stopWithin(app, options.stopDeadlineMs ?? STOP_DEADLINE_MS, options.exit ?? process.exit);
    app.logger.info('stopped');
  }
}

async function stopWithin(app: SenderApp, deadlineMs: number, exit: (code: number) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<'overdue'>((resolve) => {
    timer = setTimeout(() => resolve('overdue'), deadlineMs);
  });
  try {
    if ((await Promise.race([app.stop(), overdue])) !== 'overdue') return;
  } finally {
    clearTimeout(timer);
  }
  app.logger.error(
    { deadlineMs },
    'the graceful stop did not finish in time (is the database answering?); exiting without it: leased deliveries are claimed again when their leases expire',
  );
  exit(ExitCode.failure);
}
