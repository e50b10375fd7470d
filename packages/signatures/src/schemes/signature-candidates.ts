/** Splits a header that may hold several values (repeated headers merged with ", ", or space-separated). */
export function headerTokens(value: string): string[] {
  return value.split(/[\s,]+/).filter((token) => token.length > 0);
}
