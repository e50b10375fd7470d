import type http from 'node:http';
import { jsonSyntaxProblem } from '../server/json-syntax-problem.js';
import { type RestError, restError } from './rest-errors.js';

/** Beyond the limit, how much more of a body is read and dropped so its sender sees the 413. */
const OVERSIZED_DRAIN_BYTES = 16 * 1024 * 1024;

export type BodyResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: RestError };

/**
 * Reads a JSON object body of at most `maxBytes`. An empty body is `{}` (e.g. a POST with no
 * fields to set); anything else must be a JSON object sent as application/json.
 */
export async function readJsonBody(req: http.IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  const declared = Number(req.headers['content-length']);
  let tooBig = Number.isFinite(declared) && declared > maxBytes;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    tooBig ||= size > maxBytes;
    // An oversized body is still read (and dropped) up to a bound before the 413 goes out: a client
    // still sending when the connection closed saw a broken pipe, never the 413 that says why.
    if (tooBig) {
      if (size > maxBytes + OVERSIZED_DRAIN_BYTES) break;
      continue;
    }
    chunks.push(chunk);
  }
  if (tooBig) return { ok: false, error: tooLarge(maxBytes) };
  // UTF-8, a BOM dropped, as tRPC and fetch's text() read a body.
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (text.trim() === '') return { ok: true, value: {} };
  const contentType = req.headers['content-type'] ?? '';
  if (!isJsonMediaType(contentType)) {
    return {
      ok: false,
      error: restError(
        415,
        'unsupported_media_type',
        'send the body as JSON with `Content-Type: application/json`',
        [{ path: '', code: 'content_type', message: `got "${contentType || 'no content type'}"` }],
      ),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = jsonSyntaxProblem(error);
    return {
      ok: false,
      error: restError(400, 'invalid_request', `body: not valid JSON (${reason})`, [
        { path: '', code: 'invalid_json', message: reason },
      ]),
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      error: restError(400, 'invalid_request', 'body: expected a JSON object', [
        { path: '', code: 'invalid_type', message: 'expected a JSON object' },
      ]),
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function tooLarge(maxBytes: number): RestError {
  return restError(413, 'payload_too_large', `request body exceeds ${maxBytes} bytes`, [
    {
      path: '',
      code: 'too_big',
      message: `at most ${maxBytes} bytes (TASKHOOKS_MAX_PAYLOAD_BYTES × 2 + 64 KiB)`,
    },
  ]);
}

/**
 * `application/json` or a `+json` type (e.g. `application/merge-patch+json`), in UTF-8: the
 * media type before any parameter, case-insensitively; a charset other than UTF-8 is refused
 * (415) rather than decoded as UTF-8.
 */
function isJsonMediaType(contentType: string): boolean {
  const [type = '', ...parameters] = contentType.toLowerCase().split(';');
  const mediaType = type.trim();
  // application/json, text/json (some clients send it), or a +json type.
  if (!/^(application|text)\/([a-z0-9.-]+\+)?json$/.test(mediaType)) return false;
  const charset = parameters.map((p) => p.trim()).find((p) => p.startsWith('charset='));
  return charset === undefined || /^charset="?utf-?8"?$/.test(charset);
}
