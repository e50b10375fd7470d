import { constantTimeEqualStrings } from '../encoding/constant-time.js';
import { bytesToHex } from '../encoding/hex.js';
import { utf8Bytes } from '../encoding/utf8.js';
import { SignatureError } from '../errors.js';
import { assertHeaderBag } from '../input/assert-header-bag.js';
import { resolveHeaderName } from '../input/header-name.js';
import { readHeader } from '../input/headers.js';
import { assertSecrets } from '../input/secrets.js';
import type { HeaderBag, SignedHeaders, VerifiedRequest } from '../types.js';
import type { SchemeContext } from './context.js';
import { assertEventName } from './event-header.js';
import { throwMissingHeaders } from './missing-headers.js';
import { headerTokens } from './signature-candidates.js';

export const TOKEN_HASH_DEFAULT_HEADERS = {
  tokenHash: 'x-webhook-token-hash',
  event: 'x-webhook-event',
} as const;

const SECRET_LABEL = 'endpoint token';
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

export interface TokenHashHeaderOptions {
  /** Default `x-webhook-token-hash`. */
  tokenHashHeader?: string;
  /** Default `x-webhook-event`. */
  eventHeader?: string;
}

export interface TokenHashSignInput extends TokenHashHeaderOptions {
  event: string;
  /** Endpoint tokens; the first one is sent. */
  secrets: readonly string[];
}

export interface TokenHashVerifyInput extends TokenHashHeaderOptions {
  headers: HeaderBag;
  secrets: readonly string[];
}

/** The header names a token-hash config uses (lower-cased); throws on one HTTP cannot carry. */
export function tokenHashHeaderNames(options: TokenHashHeaderOptions) {
  return {
    tokenHash: resolveHeaderName(
      options.tokenHashHeader,
      TOKEN_HASH_DEFAULT_HEADERS.tokenHash,
      'tokenHashHeader',
    ),
    event: resolveHeaderName(options.eventHeader, TOKEN_HASH_DEFAULT_HEADERS.event, 'eventHeader'),
  };
}

/**
 * The header proves the sender knows the token but covers neither the body nor a timestamp:
 * it is a static credential, so receivers should also rely on HTTPS and dedupe by payload id.
 */
export function createTokenHash(context: SchemeContext) {
  async function tokenHash(token: string): Promise<string> {
    return bytesToHex(await context.crypto.sha256(utf8Bytes(token)));
  }

  async function signTokenHash(input: TokenHashSignInput): Promise<SignedHeaders> {
    const names = tokenHashHeaderNames(input);
    assertEventName(input.event);
    assertSecrets(input.secrets, SECRET_LABEL);
    return { [names.tokenHash]: await tokenHash(input.secrets[0]!), [names.event]: input.event };
  }

  async function verifyTokenHash(input: TokenHashVerifyInput): Promise<VerifiedRequest> {
    const { headers, secrets } = input;
    const names = tokenHashHeaderNames(input);
    assertHeaderBag(headers);
    assertSecrets(secrets, SECRET_LABEL);

    const header = readHeader(headers, names.tokenHash);
    if (header === undefined) throwMissingHeaders([names.tokenHash], 'token hash', [names.tokenHash]);
    const received = headerTokens(header)
      .filter((token) => HEX_SHA256.test(token))
      .map((token) => token.toLowerCase());
    if (received.length === 0) {
      throw new SignatureError(
        'bad_signature',
        `${names.tokenHash} must be 64 hex digits (SHA-256 of the token).`,
      );
    }

    const expected = await Promise.all(secrets.map(tokenHash));
    let matched = false;
    for (const candidate of received) {
      for (const digest of expected) matched = constantTimeEqualStrings(candidate, digest) || matched;
    }
    if (!matched) {
      throw new SignatureError(
        'bad_signature',
        `${names.tokenHash} does not match the SHA-256 of any configured token: check the endpoint token.`,
      );
    }
    return { scheme: 'token-hash', event: readHeader(headers, names.event) };
  }

  return { signTokenHash, verifyTokenHash };
}
