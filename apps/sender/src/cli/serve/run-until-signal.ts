import type { SenderApp } from '../../app.js';

/**
 * Starts the app, runs `onStarted` with its URL (null for a worker), waits for SIGINT/SIGTERM
 * (`signal`) and stops gracefully: no new requests or claims, in-flight attempts finish.
 */
export async function runUntilSignal(
  app: SenderApp,
  signal: AbortSignal,
  onStarted: (url: string) => Promise<void>,
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
    await app.stop();
    app.logger.info('stopped');
  }
}
