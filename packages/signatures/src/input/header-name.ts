// RFC 9110 token characters; anything else would be rejected by fetch/undici when sending.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function resolveHeaderName(configured: string | undefined, fallback: string, option: string): string {
  if (configured === undefined) return fallback;
  if (typeof configured !== 'string' || !HEADER_NAME.test(configured)) {
    throw new TypeError(
      `${option} must be an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(configured)}.`,
    );
  }
  return configured.toLowerCase();
}

export function isValidHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

/**
 * Header values may not contain CR/LF/NUL (request splitting; fetch rejects other control characters too),
 * and HTTP strips leading/trailing spaces and tabs in transit, so a value that has them would arrive
 * different from what was signed or configured.
 */
export function isValidHeaderValue(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to reject control characters.
  return !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value) && trimHttpWhitespace(value) === value;
}

const SPACE = 0x20;
const TAB = 0x09;

export function trimHttpWhitespace(value: string): string {
  // Runs on every header read; nearly every value has nothing to trim.
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first !== SPACE && first !== TAB && last !== SPACE && last !== TAB) return value;
  // A scan, not /[ \t]+$/: the regex retries from every blank of a long run (quadratic).
  let start = 0;
  let end = value.length;
  while (start < end && isBlank(value.charCodeAt(start))) start++;
  while (end > start && isBlank(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}
