import { constantTimeEqualBytes } from '../encoding/constant-time.js';
import { utf8Bytes } from '../encoding/utf8.js';
import { SignatureError } from '../errors.js';
import { assertHeaderBag } from '../input/assert-header-bag.js';
import { isValidHeaderName, isValidHeaderValue } from '../input/header-name.js';
import { readHeader } from '../input/headers.js';
import type { HeaderBag, SignedHeaders, VerifiedRequest } from '../types.js';
import type { SchemeContext } from './context.js';
import { throwMissingHeaders } from './missing-headers.js';

export interface HeaderAuthSignInput {
  /** Static headers chosen by the endpoint owner, e.g. `{ Authorization: 'Bearer …' }` or `{ 'X-API-Key': '…' }`. */
  authHeaders: Record<string, string>;
}

export interface HeaderAuthVerifyInput {
  headers: HeaderBag;
  authHeaders: Record<string, string>;
}

/** Validates and lower-cases the configured headers; messages name the header, never its value. */
export function normalizeAuthHeaders(authHeaders: unknown): SignedHeaders {
  if (authHeaders === null || typeof authHeaders !== 'object' || Object.keys(authHeaders).length === 0) {
    throw new SignatureError(
      'no_secret',
      "header-auth needs at least one header in scheme.headers, e.g. { Authorization: 'Bearer <token>' } or { 'X-API-Key': '<key>' }.",
    );
  }
  const normalized: SignedHeaders = {};
  for (const [name, value] of Object.entries(authHeaders)) {
    if (!isValidHeaderName(name)) {
      throw new TypeError(`scheme.headers has an invalid header name ${JSON.stringify(name)}.`);
    }
    const lowerName = name.toLowerCase();
    if (Object.hasOwn(normalized, lowerName)) {
      throw new TypeError(`scheme.headers sets "${lowerName}" twice (header names are case-insensitive).`);
    }
    if (typeof value !== 'string' || value.trim().length === 0) {
      throw new SignatureError('invalid_secret', `scheme.headers["${name}"] must be a non-empty string.`);
    }
    if (!isValidHeaderValue(value)) {
      throw new SignatureError(
        'invalid_secret',
        `scheme.headers["${name}"] contains a line break, a control character or leading/trailing spaces (which HTTP strips in transit).`,
      );
    }
    normalized[lowerName] = value;
  }
  return normalized;
}

export function createHeaderAuth(context: SchemeContext) {
  // Hashing both sides first makes the comparison constant-time in the secret's length too.
  async function digest(value: string): Promise<Uint8Array> {
    return context.crypto.sha256(utf8Bytes(value));
  }

  async function signHeaderAuth(input: HeaderAuthSignInput): Promise<SignedHeaders> {
    return normalizeAuthHeaders(input.authHeaders);
  }

  async function verifyHeaderAuth(input: HeaderAuthVerifyInput): Promise<VerifiedRequest> {
    const expected = normalizeAuthHeaders(input.authHeaders);
    const { headers } = input;
    assertHeaderBag(headers);
    const names = Object.keys(expected);
    const missing = names.filter((name) => readHeader(headers, name) === undefined);
    if (missing.length > 0) throwMissingHeaders(missing, 'header auth', names);

    const mismatched: string[] = [];
    for (const name of names) {
      const [want, got] = await Promise.all([digest(expected[name]!), digest(readHeader(headers, name)!)]);
      if (!constantTimeEqualBytes(want, got)) mismatched.push(name);
    }
    if (mismatched.length > 0) {
      throw new SignatureError(
        'bad_signature',
        `${mismatched.join(', ')} did not match the value configured for this endpoint: check the endpoint's auth headers.`,
      );
    }
    return { scheme: 'header-auth' };
  }

  return { signHeaderAuth, verifyHeaderAuth };
}
