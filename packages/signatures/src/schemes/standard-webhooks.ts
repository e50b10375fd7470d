import type { SyncHmac } from '../crypto/backend.js';
import { base64ToBytes, bytesToBase64 } from '../encoding/base64.js';
import { constantTimeEqualAscii } from '../encoding/constant-time.js';
import { concatBytes, utf8Bytes } from '../encoding/utf8.js';
import { SignatureError } from '../errors.js';
import { assertHeaderBag } from '../input/assert-header-bag.js';
import { assertRawBody, bodyBytes, bodyMismatchHint } from '../input/body.js';
import { isValidHeaderValue } from '../input/header-name.js';
import { readHeader } from '../input/headers.js';
import { assertSecrets } from '../input/secrets.js';
import {
  assertSigningTimestamp,
  assertWithinTolerance,
  parseTimestampHeader,
  resolveNow,
  resolveTolerance,
} from '../input/timestamp.js';
import type { HeaderBag, SignedHeaders, VerifiedRequest, WebhookBody } from '../types.js';
import type { SchemeContext } from './context.js';
import { throwMissingHeaders } from './missing-headers.js';

export const STANDARD_WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

export const STANDARD_WEBHOOK_SECRET_PREFIX = 'whsec_';
const SECRET_LABEL = 'Standard Webhooks signing secret';

export interface StandardWebhookSignInput {
  id: string;
  /** Unix seconds. */
  timestamp: number;
  body: WebhookBody;
  /** Every active secret; the request carries one `v1,` signature per secret. */
  secrets: readonly string[];
}

export interface StandardWebhookVerifyInput {
  headers: HeaderBag;
  body: WebhookBody;
  secrets: readonly string[];
  toleranceSeconds?: number;
  now?: () => number;
}

/** `whsec_<base64>` or bare base64 (as the standardwebhooks library accepts); the key is the decoded bytes. */
export function decodeStandardWebhookSecret(secret: string, index = 0): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith(STANDARD_WEBHOOK_SECRET_PREFIX)
    ? secret.slice(STANDARD_WEBHOOK_SECRET_PREFIX.length)
    : secret;
  const key = base64ToBytes(encoded);
  if (key === undefined) {
    const whitespace = /\s/.test(encoded)
      ? ' It contains whitespace (a trailing newline from an env file?).'
      : '';
    throw new SignatureError(
      'invalid_secret',
      `secrets[${index}] is not a valid ${SECRET_LABEL}: expected "whsec_" followed by base64 (as generateSecret() returns).${whitespace}`,
    );
  }
  if (key.length === 0) {
    throw new SignatureError(
      'invalid_secret',
      `secrets[${index}] decodes to an empty key: use generateSecret().`,
    );
  }
  return key;
}

function signedContent(id: string, timestamp: number, body: WebhookBody): Uint8Array {
  return concatBytes(utf8Bytes(`${id}.${timestamp}.`), bodyBytes(body));
}

// One `v1,<sig>` with no whitespace and no further comma: what every single-secret sender sends.
const LONE_V1_SIGNATURE = /^v1,[^\s,]+$/;

/**
 * `v1,<b64> v1,<b64>`; tolerates proxies that merged repeated headers with ", " or a bare ",".
 * Base64 has no comma, so each `v1` token pairs with the token after it. Splitting is linear in the
 * header's length: anyone can send a huge one before any secret is checked.
 */
function parseSignatureList(header: string): string[] {
  // Same answer as the general loop below for this shape, without splitting.
  if (LONE_V1_SIGNATURE.test(header)) return [header.slice(3)];
  const signatures: string[] = [];
  for (const entry of header.split(/\s+/)) {
    const tokens = entry.split(',');
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i] !== 'v1' || !tokens[i + 1]) continue;
      signatures.push(tokens[i + 1]!);
      i++;
    }
  }
  return signatures;
}

export function createStandardWebhooks(context: SchemeContext) {
  const sync = context.crypto.sync;

  function secretKey(secret: string, index: number) {
    return () => decodeStandardWebhookSecret(secret, index);
  }

  /** node:crypto: hashes `id.timestamp.` and the body as they are, with no joined copy and no promise. */
  function expectedSignaturesSync(
    hmac: SyncHmac,
    secrets: readonly string[],
    id: string,
    timestamp: number,
    body: WebhookBody,
  ): string[] {
    const parts = [`${id}.${timestamp}.`, body];
    const signatures: string[] = [];
    for (let index = 0; index < secrets.length; index++) {
      const secret = secrets[index]!;
      const key = context.keys.getSync(hmac, `whsec:${secret}`, secretKey(secret, index));
      signatures.push(hmac.hmacSha256Base64(key, parts));
    }
    return signatures;
  }

  function expectedSignatures(
    secrets: readonly string[],
    id: string,
    timestamp: number,
    body: WebhookBody,
  ): string[] | Promise<string[]> {
    if (sync) return expectedSignaturesSync(sync, secrets, id, timestamp, body);
    return expectedSignaturesAsync(secrets, signedContent(id, timestamp, body));
  }

  async function expectedSignaturesAsync(secrets: readonly string[], content: Uint8Array): Promise<string[]> {
    const keys = await Promise.all(
      secrets.map((secret, index) => context.keys.get(`whsec:${secret}`, secretKey(secret, index))),
    );
    const digests = await Promise.all(keys.map((key) => context.crypto.hmacSha256(key, content)));
    return digests.map(bytesToBase64);
  }

  async function signStandardWebhook(input: StandardWebhookSignInput): Promise<SignedHeaders> {
    const { id, timestamp, body, secrets } = input;
    if (typeof id !== 'string' || id.length === 0 || !isValidHeaderValue(id)) {
      throw new TypeError(
        `id must be a non-empty message id without control characters or surrounding spaces (reuse it on retries), got ${JSON.stringify(id)}.`,
      );
    }
    assertSigningTimestamp(timestamp);
    assertRawBody(body);
    assertSecrets(secrets, SECRET_LABEL);
    const signatures = await expectedSignatures(secrets, id, timestamp, body);
    return {
      [STANDARD_WEBHOOK_HEADERS.id]: id,
      [STANDARD_WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [STANDARD_WEBHOOK_HEADERS.signature]: [...new Set(signatures)].map((s) => `v1,${s}`).join(' '),
    };
  }

  async function verifyStandardWebhook(input: StandardWebhookVerifyInput): Promise<VerifiedRequest> {
    const { headers, body, secrets } = input;
    assertHeaderBag(headers);
    assertRawBody(body);
    assertSecrets(secrets, SECRET_LABEL);
    const tolerance = resolveTolerance(input.toleranceSeconds);

    const id = readHeader(headers, STANDARD_WEBHOOK_HEADERS.id);
    const rawTimestamp = readHeader(headers, STANDARD_WEBHOOK_HEADERS.timestamp);
    const signatureHeader = readHeader(headers, STANDARD_WEBHOOK_HEADERS.signature);
    if (id === undefined || rawTimestamp === undefined || signatureHeader === undefined) {
      const missing = Object.values(STANDARD_WEBHOOK_HEADERS).filter((name) => !readHeader(headers, name));
      throwMissingHeaders(missing, 'Standard Webhooks', Object.values(STANDARD_WEBHOOK_HEADERS));
    }

    const timestamp = parseTimestampHeader(rawTimestamp, STANDARD_WEBHOOK_HEADERS.timestamp);
    // Cheap replay check first, before spending HMACs on a stale or flooded request.
    assertWithinTolerance(timestamp, resolveNow(input.now), tolerance, STANDARD_WEBHOOK_HEADERS.timestamp);

    const received = parseSignatureList(signatureHeader);
    if (received.length === 0) {
      throw new SignatureError(
        'bad_signature',
        `${STANDARD_WEBHOOK_HEADERS.signature} has no "v1,<base64>" entry: the sender must sign with Standard Webhooks v1 (HMAC-SHA256).`,
      );
    }

    const computed = expectedSignatures(secrets, id, timestamp, body);
    const expected = Array.isArray(computed) ? computed : await computed;
    let matched = false;
    for (const candidate of received) {
      // Expected signatures are ASCII base64, so comparing code units decides exactly what comparing
      // UTF-8 bytes would, without encoding either side.
      for (const signature of expected) matched = constantTimeEqualAscii(candidate, signature) || matched;
    }
    if (!matched) {
      throw new SignatureError(
        'bad_signature',
        `No ${STANDARD_WEBHOOK_HEADERS.signature} entry matches any configured secret.${bodyMismatchHint(body)}`,
      );
    }
    return { scheme: 'standard-webhooks', id, timestamp };
  }

  return { signStandardWebhook, verifyStandardWebhook };
}
