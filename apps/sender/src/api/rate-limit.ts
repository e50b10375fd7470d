import { SenderError } from '../errors/sender-errors.js';
import type { ApiServices, Caller } from './context.js';

/** A 429 that carries how long to wait; the HTTP layer turns it into a `Retry-After` header. */
export class RateLimitedError extends SenderError {
  constructor(
    readonly retryAfterSeconds: number,
    bucket: 'publish' | 'management',
    holder: 'tenant' | 'API key',
  ) {
    super(
      'rate_limited',
      `too many ${bucket} requests for this ${holder}; retry after ${retryAfterSeconds} s`,
      [{ path: '', code: 'rate_limited', message: `retry after ${retryAfterSeconds} s` }],
    );
  }
}

/** Publishing and management draw from separate buckets, so a publish burst never locks out the admin UI. */
export function bucketOf(path: string): 'publish' | 'management' {
  return path.startsWith('events.') ? 'publish' : 'management';
}

/**
 * Takes one token from the caller's bucket or throws RateLimitedError. Every key of a tenant (and
 * its portal sessions) draws from the tenant's buckets: a tenant key may create more tenant keys,
 * and per-key buckets would multiply its limits by as many keys as it minted. Admin keys have
 * their own.
 */
export function enforceRateLimit(services: ApiServices, caller: Caller, path: string): void {
  if (!services.rateLimits) return;
  const bucket = bucketOf(path);
  const holder = caller.kind === 'tenant' ? `tenant:${caller.tenantId}` : `key:${caller.keyId}`;
  const decision = services.rateLimits[bucket].take(holder);
  if (!decision.allowed)
    throw new RateLimitedError(
      decision.retryAfterSeconds,
      bucket,
      caller.kind === 'tenant' ? 'tenant' : 'API key',
    );
}

/** The Retry-After value (seconds) of the first rate-limited call among `errors`, if any. */
export function retryAfterOf(errors: readonly { cause?: unknown }[]): number | undefined {
  for (const error of errors) {
    if (error.cause instanceof RateLimitedError) return error.cause.retryAfterSeconds;
  }
  return undefined;
}
