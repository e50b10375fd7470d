import { callApi } from './api-client.js';

export interface BackgroundPublisherOptions {
  /** The API's base URL; a function when it changes (a restarted process). */
  url: string | (() => string);
  adminKey: string;
  tenantId: string;
  payload: Record<string, unknown>;
  /** Stop once this many events were acknowledged. */
  total: number;
  perCall?: number;
  /**
   * false (default): the first failed call ends publishing (a killed process).
   * true: failed calls are counted and retried after `pauseAfterErrorMs` (an outage).
   */
  keepGoingOnError?: boolean;
  pauseAfterErrorMs?: number;
  /**
   * Pause after each acknowledged call. A drill that must interrupt publishing midway paces it, so
   * a fast machine cannot finish publishing before the drill's moment comes.
   */
  pauseBetweenCallsMs?: number;
}

export interface BackgroundPublisher {
  /** Message ids of every acknowledged event, in order. */
  readonly acknowledged: string[];
  /** Failed calls by HTTP status; 0 = no HTTP answer (refused, reset). */
  readonly failures: Map<number, number>;
  /** The first error message seen per status (what a client was told). */
  readonly failureMessages: Map<number, string>;
  /** Resolves 'completed' when `total` was reached, 'stopped' after stop(), 'cut off' on an error. */
  readonly done: Promise<'completed' | 'stopped' | 'cut off'>;
  /** Ends publishing after the call in progress. */
  stop(): Promise<'completed' | 'stopped' | 'cut off'>;
}

/**
 * Publishes `payload` through events.publishBatch in a loop, as a client under load would, keeping
 * only what the sender acknowledged: the fault tests compare those ids with what receivers got.
 */
export function startBackgroundPublishing(options: BackgroundPublisherOptions): BackgroundPublisher {
  const perCall = options.perCall ?? 100;
  const urlOf = typeof options.url === 'string' ? () => options.url as string : options.url;
  const acknowledged: string[] = [];
  const failures = new Map<number, number>();
  const failureMessages = new Map<number, string>();
  let stopping = false;
  const events = Array.from({ length: perCall }, () => ({
    model: String(options.payload.model),
    event: String(options.payload.event),
    payload: options.payload,
  }));

  const fail = (status: number, message: string) => {
    failures.set(status, (failures.get(status) ?? 0) + 1);
    if (!failureMessages.has(status)) failureMessages.set(status, message);
  };

  const done = (async (): Promise<'completed' | 'stopped' | 'cut off'> => {
    while (acknowledged.length < options.total) {
      if (stopping) return 'stopped';
      const size = Math.min(perCall, options.total - acknowledged.length);
      try {
        const response = await callApi<{ results: { messageId: string }[] }>(
          urlOf(),
          options.adminKey,
          'events.publishBatch',
          { tenantId: options.tenantId, events: events.slice(0, size) },
        );
        if (response.status === 200 && response.data) {
          acknowledged.push(...response.data.results.map((r) => r.messageId));
          if (options.pauseBetweenCallsMs)
            await new Promise((resolve) => setTimeout(resolve, options.pauseBetweenCallsMs));
          continue;
        }
        fail(response.status, response.error?.message ?? 'no body');
      } catch (error) {
        fail(0, error instanceof Error ? error.message : String(error));
      }
      if (!options.keepGoingOnError) return 'cut off';
      await new Promise((resolve) => setTimeout(resolve, options.pauseAfterErrorMs ?? 50));
    }
    return 'completed';
  })();

  return {
    acknowledged,
    failures,
    failureMessages,
    done,
    stop() {
      stopping = true;
      return done;
    },
  };
}
