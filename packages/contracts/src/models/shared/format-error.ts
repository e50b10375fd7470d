/**
 * A zod `error` option for string formats (dates, times): says what was expected, with an example,
 * for a malformed string only. A missing value or one of another type keeps zod's own message
 * ("expected string, received undefined").
 */
export function formatError(expected: string) {
  return (issue: { code?: string; input?: unknown }): string | undefined =>
    issue.code === 'invalid_format' ? `${JSON.stringify(issue.input)} is not ${expected}` : undefined;
}

export const CALENDAR_DATE = 'a calendar date YYYY-MM-DD, e.g. "2026-04-30"';
export const DATE_TIME_WITH_OFFSET = 'an ISO 8601 date-time with Z or an offset, e.g. "2026-04-30T18:30:00Z"';
