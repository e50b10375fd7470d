/**
 * Validates the custom headers an endpoint adds to every request (e.g. `{"Authorization":"Bearer …"}`
 * from seed 000). Errors name the header but never echo its value: values are treated as secrets.
 */

export interface CustomHeaderIssue {
  header: string;
  reason: string;
}

export class CustomHeaderError extends Error {
  readonly issues: CustomHeaderIssue[];
  constructor(issues: CustomHeaderIssue[]) {
    super(`invalid custom headers: ${issues.map((i) => `${i.header}: ${i.reason}`).join('; ')}`);
    this.name = 'CustomHeaderError';
    this.issues = issues;
  }
}

export const MAX_CUSTOM_HEADERS = 32;
export const MAX_CUSTOM_HEADER_VALUE_LENGTH = 8192;

// RFC 9110 §5.6.2 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible ASCII, obs-text, space and tab (RFC 9110 §5.5); any other control is refused.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const FORBIDDEN_VALUE_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f]/;
// A header value is bytes; the HTTP client sends a string's characters as Latin-1 and refuses any
// beyond U+00FF on every attempt, so such a value could be stored but never sent.
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** Why each reserved header may not be set by an endpoint. */
const RESERVED: Record<string, string> = {
  connection: 'hop-by-hop header managed by the HTTP client',
  'keep-alive': 'hop-by-hop header managed by the HTTP client',
  'transfer-encoding': 'hop-by-hop header managed by the HTTP client',
  upgrade: 'hop-by-hop header managed by the HTTP client',
  te: 'hop-by-hop header managed by the HTTP client',
  trailer: 'hop-by-hop header managed by the HTTP client',
  host: 'derived from the endpoint URL',
  'content-length': 'computed from the signed body',
  'content-type': 'the payload is always sent as application/json',
  'content-encoding': 'the payload is sent unencoded, exactly as signed',
  expect: 'would make the request wait for an interim response',
};

export interface ValidateCustomHeadersOptions {
  /** Extra names owned by the endpoint's signature scheme (e.g. `x-opentask-signature`). */
  reservedNames?: Iterable<string>;
}

/** Returns every problem found (empty = valid). */
export function findCustomHeaderIssues(
  input: unknown,
  options: ValidateCustomHeadersOptions = {},
): CustomHeaderIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ header: '(headers)', reason: 'must be a JSON object mapping header names to string values' }];
  }
  const entries = Object.entries(input);
  if (entries.length > MAX_CUSTOM_HEADERS) {
    return [
      {
        header: '(headers)',
        reason: `at most ${MAX_CUSTOM_HEADERS} custom headers are allowed, got ${entries.length}`,
      },
    ];
  }
  const schemeOwned = new Set([...(options.reservedNames ?? [])].map((n) => n.toLowerCase()));
  const seen = new Map<string, string>();
  const issues: CustomHeaderIssue[] = [];
  for (const [name, value] of entries) {
    const reason = nameProblem(name, schemeOwned) ?? valueProblem(value);
    const lower = name.toLowerCase();
    const duplicateOf = seen.get(lower);
    if (reason) issues.push({ header: printable(name), reason });
    else if (duplicateOf !== undefined) {
      issues.push({
        header: printable(name),
        reason: `duplicates ${duplicateOf} (header names are case-insensitive)`,
      });
    }
    seen.set(lower, name);
  }
  return issues;
}

/** Returns the headers typed as strings, or throws CustomHeaderError listing every problem. */
export function validateCustomHeaders(
  input: unknown,
  options: ValidateCustomHeadersOptions = {},
): Record<string, string> {
  const issues = findCustomHeaderIssues(input, options);
  if (issues.length > 0) throw new CustomHeaderError(issues);
  return { ...(input as Record<string, string>) };
}

function nameProblem(name: string, schemeOwned: Set<string>): string | undefined {
  const problem = headerNameProblem(name);
  if (problem) return problem;
  if (schemeOwned.has(name.toLowerCase())) return 'set by the endpoint signature scheme';
  return undefined;
}

/**
 * Why `name` cannot be a header the sender sets on a delivery (undefined = it can): not a token,
 * or owned by the HTTP client or the Standard Webhooks headers. Custom headers and the names a
 * signature scheme writes (e.g. seed 003's `X-OpenTask-Signature`) share these rules.
 */
export function headerNameProblem(name: string): string | undefined {
  if (name === '') return 'header name is empty';
  if (/[\r\n]/.test(name)) return 'header name contains CR or LF (header injection)';
  if (name.includes('\u0000')) return 'header name contains NUL';
  if (!TOKEN.test(name)) return 'header name contains characters not allowed in an HTTP token';
  const lower = name.toLowerCase();
  const reserved = RESERVED[lower];
  if (reserved) return `${lower} cannot be set: ${reserved}`;
  if (lower.startsWith('proxy-')) return 'proxy-* headers are for proxies, not the receiver';
  if (lower.startsWith('webhook-')) return 'webhook-* headers carry the message id and signature';
  return undefined;
}

function valueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string')
    return `value must be a string, got ${value === null ? 'null' : typeof value}`;
  if (/[\r\n]/.test(value)) return 'value contains CR or LF (header injection)';
  if (value.includes('\u0000')) return 'value contains NUL';
  if (FORBIDDEN_VALUE_CHARS.test(value)) return 'value contains a control character';
  if (BEYOND_LATIN1.test(value)) {
    return 'value contains characters beyond U+00FF, which an HTTP header cannot carry: percent-encode them (e.g. Z%C3%BCrich)';
  }
  if (value.length > MAX_CUSTOM_HEADER_VALUE_LENGTH) {
    return `value is longer than ${MAX_CUSTOM_HEADER_VALUE_LENGTH} characters`;
  }
  if (value !== value.trim()) return 'value has leading or trailing whitespace';
  return undefined;
}

/** Header names end up in error messages; make injected control characters visible, not active. */
function printable(name: string): string {
  const escaped = JSON.stringify(name).slice(1, -1);
  return escaped.length > 100 ? `${escaped.slice(0, 100)}…` : escaped;
}
