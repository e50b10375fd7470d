import { z } from 'zod';
import { formatError } from '../shared/format-error.js';

/**
 * Server wall-clock time without a UTC offset, as in the seed (`2026-04-30T18:30:00`).
 * zod's local mode accepts `YYYY-MM-DDTHH:MM`, optional seconds and fractions, and a bare `Z`;
 * it rejects numeric offsets such as `+02:00` and a space instead of `T`.
 */
export function localDateTime(description: string) {
  return z.iso
    .datetime({
      local: true,
      error: formatError(
        'a date-time in the server\'s local time without an offset, e.g. "2026-04-30T18:30:00" (plan_bound_v3 carries offsets)',
      ),
    })
    .describe(description);
}

/** A percentage from 0 to 100 (decimals allowed, e.g. 37.5). */
export function percent() {
  return z.number().min(0).max(100);
}

/** Ids are opaque strings (UUIDs or slugs); an empty id would make references meaningless. */
export function id(description: string) {
  return z.string().min(1).describe(description);
}
