import { constantTimeEqualStrings } from '../encoding/constant-time.js';
import { bytesToHex } from '../encoding/hex.js';
import { utf8Bytes } from '../encoding/utf8.js';
import { SignatureError } from '../errors.js';
import { assertHeaderBag } from '../input/assert-header-bag.js';
import { assertRawBody, bodyBytes, bodyMismatchHint } from '../input/body.js';
import { resolveHeaderName } from '../input/header-name.js';
import { readHeader } from '../input/headers.js';
import { assertSecrets } from '../input/secrets.js';
import type { HeaderBag, SignedHeaders, VerifiedRequest, WebhookBody } from '../types.js';
import type { SchemeContext } from './context.js';
import { assertEventName } from './event-header.js';
import { throwMissingHeaders } from './missing-headers.js';
import { headerTokens } from './signature-candidates.js';

export const HMAC_HEX_DEFAULT_HEADERS = {
  signature: 'x-taskhooks-signature',
  event: 'x-taskhooks-event',
} as const;

const SECRET_LABEL = 'HMAC signing secret';
const SIGNATURE_VALUE = /^sha256=([0-9a-fA-F]{64})$/;

export interface HmacHexHeaderOptions {
  /** Default `x-taskhooks-signature` (OpenTask uses `X-OpenTask-Signature`). */
  signatureHeader?: string;
  /** Default `x-taskhooks-event`. */
  eventHeader?: string;
}

export interface HmacHexSignInput extends HmacHexHeaderOptions {
  event: string;
  body: WebhookBody;
  /** The first secret signs; the header carries a single signature, as receivers of this scheme expect. */
  secrets: readonly string[];
}

export interface HmacHexVerifyInput extends HmacHexHeaderOptions {
  headers: HeaderBag;
  body: WebhookBody;
  secrets: readonly string[];
}

/** The header names an hmac-sha256-hex config uses (lower-cased); throws on one HTTP cannot carry. */
export function hmacHexHeaderNames(options: HmacHexHeaderOptions) {
  return {
    signature: resolveHeaderName(
      options.signatureHeader,
      HMAC_HEX_DEFAULT_HEADERS.signature,
      'signatureHeader',
    ),
    event: resolveHeaderName(options.eventHeader, HMAC_HEX_DEFAULT_HEADERS.event, 'eventHeader'),
  };
}

export function createHmacHex(context: SchemeContext) {
  /** Key = UTF-8 bytes of the secret string, exactly like `crypto.createHmac('sha256', secret)`. */
  async function hexDigest(secret: string, body: WebhookBody): Promise<string> {
    const key = await context.keys.get(`utf8:${secret}`, () => utf8Bytes(secret));
    return bytesToHex(await context.crypto.hmacSha256(key, bodyBytes(body)));
  }

  async function signHmacHex(input: HmacHexSignInput): Promise<SignedHeaders> {
    const names = hmacHexHeaderNames(input);
    assertEventName(input.event);
    assertRawBody(input.body);
    assertSecrets(input.secrets, SECRET_LABEL);
    const digest = await hexDigest(input.secrets[0]!, input.body);
    return { [names.signature]: `sha256=${digest}`, [names.event]: input.event };
  }

  async function verifyHmacHex(input: HmacHexVerifyInput): Promise<VerifiedRequest> {
    const { headers, body, secrets } = input;
    const names = hmacHexHeaderNames(input);
    assertHeaderBag(headers);
    assertRawBody(body);
    assertSecrets(secrets, SECRET_LABEL);

    const signatureHeader = readHeader(headers, names.signature);
    if (signatureHeader === undefined)
      throwMissingHeaders([names.signature], 'HMAC-SHA256 hex', [names.signature]);
    const received = headerTokens(signatureHeader)
      .map((token) => SIGNATURE_VALUE.exec(token)?.[1]?.toLowerCase())
      .filter((hex): hex is string => hex !== undefined);
    if (received.length === 0) {
      throw new SignatureError(
        'bad_signature',
        `${names.signature} must be "sha256=<64 hex digits>" (HMAC-SHA256 of the raw body).`,
      );
    }

    const expected = await Promise.all(secrets.map((secret) => hexDigest(secret, body)));
    let matched = false;
    for (const candidate of received) {
      for (const digest of expected) matched = constantTimeEqualStrings(candidate, digest) || matched;
    }
    if (!matched) {
      throw new SignatureError(
        'bad_signature',
        `${names.signature} does not match the HMAC-SHA256 of the body under any configured secret.${bodyMismatchHint(body)}`,
      );
    }
    return { scheme: 'hmac-sha256-hex', event: readHeader(headers, names.event) };
  }

  return { signHmacHex, verifyHmacHex };
}
