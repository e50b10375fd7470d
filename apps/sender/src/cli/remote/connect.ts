import { createSenderClient, type SenderClient } from '@taskhooks/sender-client';
import { type ApiTarget, type ApiTargetOptions, resolveApiTarget } from './api-target.js';
import { setCurrentTarget } from './current-target.js';

export interface Connection {
  client: SenderClient;
  target: ApiTarget;
}

/** A typed client for the sender the flags and environment point at. */
export function connect(values: ApiTargetOptions, env: Record<string, string | undefined>): Connection {
  const target = resolveApiTarget(values, env);
  setCurrentTarget(target);
  // One quick retry: a person waiting at a terminal wants "not running" fast, not after a backoff.
  const client = createSenderClient({
    url: target.url,
    apiKey: target.apiKey,
    retries: { retries: 1, baseDelayMs: 200, maxDelayMs: 500 },
  });
  return { client, target };
}

/** The tenant field of an API input: omitted with a tenant key (the key names its tenant). */
export function tenantInput(target: ApiTarget): { tenantId?: string } {
  return target.tenantId === undefined ? {} : { tenantId: target.tenantId };
}
