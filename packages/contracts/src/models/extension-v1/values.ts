import { z } from 'zod';

/** Every timestamp of this catalog is UTC with exactly three fractional digits, as the seed shows. */
export function isoMillisUtc(description: string) {
  return z.iso
    .datetime({ precision: 3 })
    .describe(`${description} ISO 8601 UTC with milliseconds, e.g. \`2026-02-16T01:23:45.678Z\`.`);
}

/** Ids of the extension platform are opaque strings (`lock_id`, `tr_1739665200000`, …). */
export function platformId(what: string) {
  return z.string().min(1).max(200).describe(`Opaque id of ${what}.`);
}

/**
 * What caused a lock/task change. The seed shows `keyholder` and `dice`; the other values are the
 * remaining actors and mechanisms of this catalog (see DECISIONS.md). Lenient parsing accepts any string.
 */
export const changeSourceSchema = z
  .enum(['keyholder', 'wearer', 'dice', 'task', 'hygiene', 'extension', 'system'])
  .describe(
    'What caused the change: the `keyholder` or `wearer` by hand, a `dice` roll, a `task` outcome, a `hygiene` penalty, the `extension` itself, or a `system` job.',
  );

/** A signed number of seconds: positive adds lock time, negative removes it. */
export function signedSeconds(description: string) {
  return z.number().int().describe(`${description} Whole seconds; positive adds time, negative removes it.`);
}

export function nonNegativeInt(description: string) {
  return z.number().int().nonnegative().describe(description);
}
