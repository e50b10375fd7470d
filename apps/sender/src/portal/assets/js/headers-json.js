// Checks the "auth headers" field before anything is sent, with a message that names the key and
// the reason. The server checks again (reserved names, limits); its messages are shown the same way.

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const EXAMPLE = '{"Authorization":"Bearer …"}';

/**
 * @param {string} text what the person typed (empty = no headers)
 * @returns {{ ok: true, headers: Record<string, string> } | { ok: false, message: string }}
 */
export function parseHeadersJson(text) {
  if (text.trim() === '') return { ok: true, headers: {} };
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'it does not parse';
    return { ok: false, message: `Auth headers must be valid JSON, for example ${EXAMPLE}: ${detail}.` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    return {
      ok: false,
      message: `Auth headers must be a JSON object of header name → value, for example ${EXAMPLE}; this is ${got}.`,
    };
  }
  for (const [name, headerValue] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) {
      return {
        ok: false,
        message: `"${name}" is not a valid header name: use letters, digits and - only (no spaces or colons), e.g. "X-API-Key".`,
      };
    }
    if (typeof headerValue !== 'string') {
      const got =
        headerValue === null ? 'null' : Array.isArray(headerValue) ? 'a list' : `a ${typeof headerValue}`;
      return {
        ok: false,
        message: `The value of "${name}" must be text in quotes, e.g. "${name}": "…"; it is ${got}.`,
      };
    }
    if (/[\r\n]/.test(headerValue)) {
      return { ok: false, message: `The value of "${name}" must be on one line (no line breaks).` };
    }
  }
  return { ok: true, headers: value };
}
