import { uuidv7 } from '../ids/uuidv7.js';
import type { Endpoint, OperationalEvent, Store } from '../store/types.js';

export const DEFAULT_DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000;

export interface EndpointHealthOptions {
  store: Pick<Store, 'updateEndpoint' | 'disableFailingEndpoint' | 'clearFailingSince'>;
  /** Disable an endpoint once every attempt to it has failed for this long (default 5 days, like Svix). */
  disableAfterMs?: number;
  /** Lets the app forward `endpoint.disabled` to an operator endpoint; failures are reported, not thrown. */
  onOperationalEvent?: (event: OperationalEvent) => void | Promise<void>;
  onError?: (error: unknown, context: string) => void;
}

interface Known {
  failingSince: number | null;
  writtenAt: number;
}

/**
 * Tracks `failingSince` per endpoint and disables endpoints that keep failing, so deliveries to
 * an abandoned URL stop piling up. Any failed attempt counts (a 404 for five days is as dead as a
 * timeout); any success resets the clock.
 */
export class EndpointHealth {
  readonly disableAfterMs: number;
  readonly #options: EndpointHealthOptions;
  // What this worker last wrote; fresher than the claim's snapshot unless someone wrote after us.
  readonly #known = new Map<string, Known>();
  // endpoint id → when this worker disabled it; a snapshot newer than that means it was re-enabled.
  readonly #disabledAt = new Map<string, number>();
  // endpoint id → the tail of its queued health updates. Attempts to one endpoint end together;
  // run one at a time, a failure sees the success before it (not the snapshot it was claimed with).
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: EndpointHealthOptions) {
    this.#options = options;
    this.disableAfterMs = options.disableAfterMs ?? DEFAULT_DISABLE_AFTER_MS;
  }

  recordSuccess(endpoint: Endpoint, now: number): Promise<void> {
    return this.#serially(endpoint.id, async () => {
      // Skipped only when both views agree nothing is failing. The snapshot alone can be older than
      // our last write, and our write alone can hide a failure another process recorded after it
      // with a clock behind ours (ordering by timestamps across processes is not safe).
      if (this.#failingSince(endpoint) === null && endpoint.failingSince === null) return;
      // Conditional: a stale snapshot's "failing" (already cleared) writes nothing.
      await this.#options.store.clearFailingSince(endpoint.id, now);
      this.#known.set(endpoint.id, { failingSince: null, writtenAt: now });
    });
  }

  /** Returns true when this failure disabled the endpoint. */
  recordFailure(endpoint: Endpoint, now: number, lastError: string): Promise<boolean> {
    return this.#serially(endpoint.id, () => this.#recordFailure(endpoint, now, lastError));
  }

  async #recordFailure(endpoint: Endpoint, now: number, lastError: string): Promise<boolean> {
    const since = this.#failingSince(endpoint);
    if (since === null) {
      await this.#write(endpoint, { failingSince: now }, now);
      return this.disableAfterMs <= 0 ? this.#disable(endpoint, now, now, lastError) : false;
    }
    if (now - since < this.disableAfterMs) return false;
    return this.#disable(endpoint, since, now, lastError);
  }

  async #disable(endpoint: Endpoint, since: number, now: number, lastError: string): Promise<boolean> {
    // Deliveries claimed before the switch-off still finish; they must not disable it twice.
    const disabledAt = this.#disabledAt.get(endpoint.id);
    if (!endpoint.enabled || (disabledAt !== undefined && disabledAt >= endpoint.updatedAt)) return false;
    this.#disabledAt.set(endpoint.id, now);
    const reason = `every attempt failed since ${new Date(since).toISOString()}; last error: ${lastError}`;
    const event: OperationalEvent = {
      id: uuidv7(),
      tenantId: endpoint.tenantId,
      kind: 'endpoint.disabled',
      // The URL is left out on purpose: tokens often live in webhook URLs (e.g. IFTTT keys).
      detailJson: JSON.stringify({ endpointId: endpoint.id, failingSince: since, disabledAt: now, reason }),
      createdAt: now,
    };
    // Switch and event in one transaction, and only by the first worker (process) to get there.
    // The store re-checks failing_since: another process may have written a success meanwhile.
    const disabled = await this.#options.store.disableFailingEndpoint(
      { endpointId: endpoint.id, reason, failingSinceCutoff: Math.max(0, now - this.disableAfterMs), event },
      now,
    );
    this.#known.delete(endpoint.id);
    if (!disabled) return false;
    try {
      await this.#options.onOperationalEvent?.(event);
    } catch (error) {
      this.#options.onError?.(error, 'onOperationalEvent');
    }
    return true;
  }

  /** Runs `task` after the endpoint's earlier updates settled (failed ones too). */
  #serially<T>(endpointId: string, task: () => Promise<T>): Promise<T> {
    const run = (this.#queues.get(endpointId) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => {});
    this.#queues.set(endpointId, tail);
    void tail.then(() => {
      if (this.#queues.get(endpointId) === tail) this.#queues.delete(endpointId);
    });
    return run;
  }

  #failingSince(endpoint: Endpoint): number | null {
    const known = this.#known.get(endpoint.id);
    return known && known.writtenAt >= endpoint.updatedAt ? known.failingSince : endpoint.failingSince;
  }

  async #write(endpoint: Endpoint, patch: { failingSince: number | null }, now: number): Promise<void> {
    await this.#options.store.updateEndpoint(endpoint.id, patch, now);
    this.#known.set(endpoint.id, { failingSince: patch.failingSince, writtenAt: now });
  }
}
