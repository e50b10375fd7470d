import { z } from 'zod';
import { id } from '../plan-bound-v2/scalars.js';
import { formatError } from '../shared/format-error.js';

export const PLAN_BOUND_V3 = 'plan_bound_v3';

/**
 * An instant as RFC 3339 date-time with seconds and an explicit offset (`Z` or `±HH:MM`), e.g.
 * `2026-04-30T18:30:00+02:00`. Senders render it in the family's time zone (checked by the
 * invariants), so the digits read as the family's wall-clock time and the offset pins the instant.
 */
export function instant(description: string) {
  return z.iso
    .datetime({
      offset: true,
      error: formatError(
        'an RFC 3339 date-time with seconds and an offset (Z or ±HH:MM), e.g. "2026-04-30T18:30:00+02:00", rendered in family.timezone',
      ),
    })
    .describe(description);
}

export const eventIdSchema = z
  .uuid()
  .describe(
    'Unique id of this event (UUID). Identical on every delivery attempt of the event, so receivers deduplicate on it.',
  );

export const tenantIdSchema = id(
  'Id of the tenant (the app installation or account) that published the event; lets one receiver serve several tenants and scope deduplication.',
);

/**
 * IANA zone names (`Europe/Budapest`, `America/Argentina/Buenos_Aires`, `UTC`, `Etc/GMT+5`).
 * The pattern only rules out obvious garbage; the invariants check the name against the time
 * zone database, which JSON Schema cannot express.
 */
export const timeZoneSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/)
  .describe(
    'IANA time zone of the family, e.g. `Europe/Budapest`. Every timestamp is rendered in this zone; use it to compute local dates and times.',
  );
