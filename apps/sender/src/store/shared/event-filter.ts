/**
 * Does an endpoint's event filter accept `event`? Entries are exact names or `prefix.*` wildcards
 * (`plan.*` matches `plan.started` and `plan.review.expired`, not `plan`); `*` or an empty filter
 * accepts every event.
 */
export function eventFilterMatches(filter: readonly string[], event: string): boolean {
  if (filter.length === 0) return true;
  for (const entry of filter) {
    if (entry === '*' || entry === event) return true;
    if (entry.endsWith('.*') && event.startsWith(entry.slice(0, -1))) return true;
  }
  return false;
}
