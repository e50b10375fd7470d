import type { SenderClient } from '@taskhooks/sender-client';
import { CliError, ExitCode } from '../exit-codes.js';
import { type AttemptSeen, AttemptTracker, pause } from './attempt-tracker.js';

const POLL_INTERVAL_MS = 250;

/**
 * Follows the given deliveries until each shows `attempts` new attempt(s) or is done (succeeded,
 * failed, skipped), or `timeoutMs` passes. Reports each attempt as it appears; returns whether
 * every delivery got there in time. Ctrl-C before then is an interruption (130), not a timeout.
 */
export async function waitForAttempts(options: {
  client: SenderClient;
  deliveries: { id: string; attemptsBefore: number }[];
  timeoutMs: number;
  signal: AbortSignal;
  onAttempt: (seen: AttemptSeen) => void;
  attempts?: number;
}): Promise<{ complete: boolean; tracker: AttemptTracker }> {
  const { client, deliveries, signal } = options;
  const wanted = options.attempts ?? 1;
  const tracker = new AttemptTracker(client, options.onAttempt, POLL_INTERVAL_MS);
  for (const delivery of deliveries) tracker.follow(delivery.id, delivery.attemptsBefore);
  const reached = () =>
    deliveries.every(
      (d) =>
        tracker.finalState(d.id) !== undefined || tracker.attemptsShown(d.id) >= d.attemptsBefore + wanted,
    );
  const deadline = Date.now() + options.timeoutMs;
  while (!reached() && !signal.aborted && Date.now() < deadline) {
    await tracker.poll();
    if (!reached()) await pause(POLL_INTERVAL_MS, signal);
  }
  const complete = reached();
  if (!complete && signal.aborted) throw new CliError('interrupted', ExitCode.interrupted);
  return { complete, tracker };
}
