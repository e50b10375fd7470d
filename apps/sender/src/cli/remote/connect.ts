import { createSenderClient, type SenderClient } from '@taskhooks/sender-client';
import { type ApiTarget, type ApiTargetOptions, resolveApiTarget } from './api-target.js';
import { setCurrentTarget } from './current-target.js';

export interface Connection {
  client: SenderClient;
  target: ApiTarget;
}

/**
 * Longest one API call may take. A sender that accepts connections but never answers would
 * otherwise hold the terminal for fetch's own 5 minutes per attempt.
 */
export const API_CALL_TIMEOUT_MS = 30_000;

/**
 * A typed client for the sender the flags and environment point at. Every call ends when `signal`
 * does (Ctrl-C) or after `callTimeoutMs` (default API_CALL_TIMEOUT_MS).
 */
export function connect(
  values: ApiTargetOptions,
  env: Record<string, string | undefined>,
  signal?: AbortSignal,
  { callTimeoutMs = API_CALL_TIMEOUT_MS }: { callTimeoutMs?: number } = {},
): Connection {
  const target = resolveApiTarget(values, env);
  setCurrentTarget(target);
  const timedFetch: typeof fetch = (input, init) => {
    const signals = [AbortSignal.timeout(callTimeoutMs)];
    if (signal) signals.push(signal);
    if (init?.signal) signals.push(init.signal);
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
  // One quick retry: a person waiting at a terminal wants "not running" fast, not after a backoff.
  const client = createSenderClient({
    url: target.url,
    apiKey: target.apiKey,
    retries: { retries: 1, baseDelayMs: 200, maxDelayMs: 500 },
    fetch: timedFetch,
  });
  return { client, target };
}

/** The tenant field of an API input: omitted with a tenant key (the key names its tenant). */
export function tenantInput(target: ApiTarget): { tenantId?: string } {
  return target.tenantId === undefined ? {} : { tenantId: target.tenantId };
}
