import { StoreError } from './errors.js';

/**
 * Seed 000: while a tenant's access has expired, nothing is sent to its endpoints. Publishing
 * records new deliveries as skipped (fan-out.ts); these cover what was already waiting.
 */

/** last_error of a delivery that was waiting (new, or between retries) when access expired. */
export const SKIPPED_ON_EXPIRY =
  'skipped: the tenant’s access expired before this delivery was sent; redeliver it once access is active';

/** Redeliver and recover refuse to queue anything for an expired tenant. */
export function expiredTenantError(tenantId: string): StoreError {
  return new StoreError(
    'conflict',
    `tenant ${tenantId}: access has expired, so nothing is sent to its endpoints until it is active again`,
  );
}
