import {
  type attemptOutput,
  type deliveryOutput,
  SenderApiError,
  type SenderClient,
} from '@taskhooks/sender-client';
import type { z } from 'zod';

export type DeliverySummary = z.output<typeof deliveryOutput>;
export type Attempt = z.output<typeof attemptOutput>;

export interface AttemptSeen {
  delivery: DeliverySummary;
  attempt: Attempt;
}

const FINAL_STATES = new Set(['succeeded', 'failed', 'skipped']);
/** Deliveries fetched per poll at most, so a burst never turns into a burst of API calls. */
const MAX_FETCHES_PER_POLL = 25;
/** Deliveries remembered; the oldest are forgotten first (a long `listen` stays bounded). */
const MAX_REMEMBERED = 10_000;

/**
 * Follows deliveries through the API and reports each attempt once, in order. A delivery is
 * fetched (deliveries.get) only when it may have a new attempt: a list summary shows more attempts
 * than were reported, or its next attempt is due. Used by `listen` (fed by deliveries.list) and by
 * `trigger`/`redeliver`/`recover` (following the deliveries they just queued).
 */
export class AttemptTracker {
  /** Attempts reported per delivery (every delivery seen, final ones included). */
  private readonly reported = new Map<string, number>();
  /** When each delivery still being followed should be fetched next (epoch ms). */
  private readonly dueAt = new Map<string, number>();
  private readonly finalStates = new Map<string, string>();

  constructor(
    private readonly client: SenderClient,
    private readonly onAttempt: (seen: AttemptSeen) => void,
    private readonly pollIntervalMs = 250,
  ) {}

  /** Follow a delivery from its next attempt on (`alreadyMade` attempts are not reported). */
  follow(deliveryId: string, alreadyMade = 0): void {
    this.remember(deliveryId, alreadyMade);
    this.finalStates.delete(deliveryId);
    this.dueAt.set(deliveryId, 0);
  }

  /** A list summary: follow it if new, and fetch it when it shows unreported attempts. */
  note(summary: DeliverySummary): void {
    if (!this.reported.has(summary.id)) this.follow(summary.id);
    const reported = this.reported.get(summary.id) ?? 0;
    if (summary.attemptCount > reported) {
      this.dueAt.set(summary.id, 0);
    } else if (FINAL_STATES.has(summary.status)) {
      this.settle(summary.id, summary.status);
    } else if (this.dueAt.has(summary.id)) {
      this.dueAt.set(summary.id, summary.nextAttemptAt ?? 0);
    }
  }

  isKnown(deliveryId: string): boolean {
    return this.reported.has(deliveryId);
  }

  /** Attempts reported so far for this delivery. */
  attemptsShown(deliveryId: string): number {
    return this.reported.get(deliveryId) ?? 0;
  }

  /** The final state once the delivery is done (succeeded, failed or skipped), else undefined. */
  finalState(deliveryId: string): string | undefined {
    return this.finalStates.get(deliveryId);
  }

  get following(): number {
    return this.dueAt.size;
  }

  /** Fetches the deliveries that are due and reports their new attempts. */
  async poll(now = Date.now()): Promise<void> {
    const due = [...this.dueAt].filter(([, at]) => at <= now).slice(0, MAX_FETCHES_PER_POLL);
    for (const [id] of due) {
      let delivery: Awaited<ReturnType<SenderClient['deliveries']['get']>>;
      try {
        delivery = await this.client.deliveries.get({ deliveryId: id });
      } catch (error) {
        // Gone (its endpoint was deleted, or retention purged it): nothing more will happen to it.
        if (error instanceof SenderApiError && error.status === 404) {
          this.settle(id, 'deleted');
          continue;
        }
        throw error;
      }
      const reported = this.reported.get(id) ?? 0;
      for (const attempt of delivery.attempts) {
        if (attempt.attemptNumber > reported) this.onAttempt({ delivery, attempt });
      }
      this.remember(id, Math.max(reported, delivery.attempts.length));
      if (FINAL_STATES.has(delivery.status) && delivery.attempts.length >= delivery.attemptCount) {
        this.settle(id, delivery.status);
      } else {
        this.dueAt.set(id, Math.max(delivery.nextAttemptAt ?? 0, now + this.pollIntervalMs));
      }
    }
  }

  private settle(id: string, state: string): void {
    this.dueAt.delete(id);
    this.finalStates.set(id, state);
  }

  private remember(id: string, attempts: number): void {
    this.reported.delete(id);
    this.reported.set(id, attempts);
    if (this.reported.size > MAX_REMEMBERED) {
      const oldest = this.reported.keys().next().value as string;
      this.reported.delete(oldest);
      this.finalStates.delete(oldest);
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
