import { utf8Bytes } from '../encoding/utf8.js';
import { SignatureError } from '../errors.js';
import type { WebhookBody } from '../types.js';

const RAW_BODY_FIX =
  'the body was parsed before verification: pass the raw body exactly as received, as a string or Uint8Array ' +
  "(e.g. express.raw({ type: 'application/json' }), await request.text(), or new Uint8Array(await request.arrayBuffer())).";

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer (wrap it: new Uint8Array(buffer))';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function assertRawBody(body: unknown): asserts body is WebhookBody {
  if (typeof body === 'string' || body instanceof Uint8Array) return;
  throw new SignatureError(
    'body_not_raw',
    `Expected the raw body but got ${describe(body)}: ${RAW_BODY_FIX}`,
  );
}

export function bodyBytes(body: WebhookBody): Uint8Array {
  return typeof body === 'string' ? utf8Bytes(body) : body;
}

/**
 * Guesses why a signature failed from the body alone. "[object Object]" is certain proof of String(parsed);
 * compact JSON is only a hint, because JSON.stringify(parsed) drops the sender's whitespace and escapes.
 */
export function bodyMismatchHint(body: WebhookBody): string {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body.subarray(0, 64));
  if (text === '[object Object]') return ` The body is "[object Object]": ${RAW_BODY_FIX}`;
  if (typeof body === 'string' && looksReserialized(body)) {
    return ` If your framework parsed the JSON and you passed JSON.stringify(req.body), the body was parsed before verification: pass the raw body instead, because re-serializing changes the bytes.`;
  }
  return ' Check that the secret is the one configured for this endpoint and that the body is the exact bytes received.';
}

/**
 * Past this size the re-serialization hint is not attempted: it parses a body whose signature just
 * failed, i.e. one anybody can send, and a crafted 1 MB body cost ~0.3 s of the event loop.
 */
const HINT_MAX_BODY_CHARS = 16 * 1024;

function looksReserialized(body: string): boolean {
  if (body.length > HINT_MAX_BODY_CHARS) return false;
  if (!body.startsWith('{') && !body.startsWith('[')) return false;
  try {
    return JSON.stringify(JSON.parse(body)) === body;
  } catch {
    return false;
  }
}

export { RAW_BODY_FIX };
