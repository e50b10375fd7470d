import {
  DEFAULT_TOLERANCE_SECONDS,
  HMAC_HEX_DEFAULT_HEADERS,
  type SchemeName,
  STANDARD_WEBHOOK_HEADERS,
  STANDARD_WEBHOOK_SECRET_PREFIX,
  TOKEN_HASH_DEFAULT_HEADERS,
} from '@taskhooks/signatures';

export interface SchemeHeader {
  name: string;
  value: string;
  description: string;
  /** Whether this header authenticates the request (signature / token / credential). */
  credential: boolean;
  /** The value is the delivery's event name (documented per event in the OpenAPI document). */
  carriesEvent?: true;
}

/** What a receiver needs to know about one wire scheme; header names come from @taskhooks/signatures. */
export interface SchemeGuide {
  scheme: SchemeName;
  title: string;
  slug: string;
  summary: string;
  signed: string;
  replay: string;
  headers: SchemeHeader[];
  /** Snippet files under src/snippets, shown verbatim and executed by the tests. */
  snippets: { sdk: string; node: string; python: string };
  /** Model the SDK snippet receives, i.e. the catalog this scheme is typically used with. */
  typicalModel: string;
}

/** Sent on every delivery whatever the scheme (see apps/sender build-request). */
export const commonHeaders: SchemeHeader[] = [
  {
    name: 'content-type',
    value: 'application/json',
    description: 'The body is the JSON payload.',
    credential: false,
  },
  {
    name: STANDARD_WEBHOOK_HEADERS.id,
    value: '0193e4a2-7c1d-7b3e-9f21-5a6b7c8d9e0f (a UUIDv7, unique per message)',
    description: 'Message id, identical on every retry of the same message: use it to de-duplicate.',
    credential: false,
  },
  {
    name: 'user-agent',
    value: 'taskhooks/<version>',
    description: 'Identifies the sender.',
    credential: false,
  },
];

export const schemeGuides: SchemeGuide[] = [
  {
    scheme: 'standard-webhooks',
    title: 'Standard Webhooks',
    slug: 'delivery-standard-webhooks',
    summary:
      'The default scheme, following the Standard Webhooks specification: an HMAC-SHA256 signature over the message id, a timestamp and the raw body. Interoperates with the `standardwebhooks` libraries.',
    signed: `HMAC-SHA256 of \`{webhook-id}.{webhook-timestamp}.{raw body}\`, keyed with the base64-decoded secret after the \`${STANDARD_WEBHOOK_SECRET_PREFIX}\` prefix, base64-encoded and prefixed with \`v1,\`.`,
    replay: `Reject a \`${STANDARD_WEBHOOK_HEADERS.timestamp}\` more than ${DEFAULT_TOLERANCE_SECONDS} seconds away from your clock, in either direction.`,
    headers: [
      {
        name: STANDARD_WEBHOOK_HEADERS.id,
        value: '0193e4a2-7c1d-7b3e-…',
        description: 'Message id; part of the signed content and the same on every retry.',
        credential: false,
      },
      {
        name: STANDARD_WEBHOOK_HEADERS.timestamp,
        value: '1614265330',
        description: 'Unix seconds when this attempt was signed; part of the signed content.',
        credential: false,
      },
      {
        name: STANDARD_WEBHOOK_HEADERS.signature,
        value: 'v1,<base64> [v1,<base64> …]',
        description:
          'Space-separated signatures, one per active secret while the sender rotates secrets. Accept the request if any matches.',
        credential: true,
      },
    ],
    snippets: {
      sdk: 'sdk/standard-webhooks.ts',
      node: 'node/standard-webhooks.mjs',
      python: 'python/standard_webhooks.py',
    },
    typicalModel: 'plan_bound_v2',
  },
  {
    scheme: 'hmac-sha256-hex',
    title: 'HMAC-SHA256 (hex)',
    slug: 'delivery-hmac-sha256-hex',
    summary:
      'The common "`sha256=` + hex HMAC of the body" pattern (OpenTask, GitHub-style). Header names are configurable per endpoint, e.g. `X-OpenTask-Signature` and `X-OpenTask-Event`.',
    signed:
      'HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of the secret, hex-encoded and prefixed with `sha256=`.',
    replay: 'No timestamp is signed: de-duplicate by `webhook-id` and use HTTPS.',
    headers: [
      {
        name: HMAC_HEX_DEFAULT_HEADERS.signature,
        value: 'sha256=<64 hex digits>',
        description:
          'Signature of the raw body (default name; the endpoint may use another, e.g. `x-opentask-signature`).',
        credential: true,
      },
      {
        name: HMAC_HEX_DEFAULT_HEADERS.event,
        value: 'plan.failed',
        description: 'Event name for routing. Not signed: trust the `event` field of the verified body.',
        credential: false,
        carriesEvent: true,
      },
    ],
    snippets: {
      sdk: 'sdk/hmac-sha256-hex.ts',
      node: 'node/hmac-sha256-hex.mjs',
      python: 'python/hmac_sha256_hex.py',
    },
    typicalModel: 'task_events_v1',
  },
  {
    scheme: 'token-hash',
    title: 'Token hash',
    slug: 'delivery-token-hash',
    summary:
      "The sender proves it knows your endpoint token by sending the token's SHA-256 hex digest (extension platforms). The body and the time are not covered.",
    signed: 'Nothing: the header is the hex SHA-256 of the endpoint token, identical on every request.',
    replay: 'None: use HTTPS and de-duplicate by the payload `id` or `webhook-id`.',
    headers: [
      {
        name: TOKEN_HASH_DEFAULT_HEADERS.tokenHash,
        value: '<64 hex digits>',
        description: 'Hex SHA-256 of your endpoint token (default name; configurable).',
        credential: true,
      },
      {
        name: TOKEN_HASH_DEFAULT_HEADERS.event,
        value: 'lock.time_changed',
        description: 'Event name for routing. Not signed: trust the `event` field of the body.',
        credential: false,
        carriesEvent: true,
      },
    ],
    snippets: { sdk: 'sdk/token-hash.ts', node: 'node/token-hash.mjs', python: 'python/token_hash.py' },
    typicalModel: 'extension_v1',
  },
  {
    scheme: 'header-auth',
    title: 'Header auth',
    slug: 'delivery-header-auth',
    summary:
      'Static headers you choose when configuring the endpoint, e.g. `{"Authorization":"Bearer …"}` or `{"X-API-Key":"…"}` (family webhooks, automation tools that only check a header).',
    signed: 'Nothing: the sender repeats the credential you configured.',
    replay: 'None: use HTTPS, a long random token and de-duplicate by `webhook-id`.',
    headers: [
      {
        name: 'authorization',
        value: 'Bearer <your token>',
        description: 'Example: any header names and values you configured are sent as given.',
        credential: true,
      },
    ],
    snippets: { sdk: 'sdk/header-auth.ts', node: 'node/header-auth.mjs', python: 'python/header_auth.py' },
    typicalModel: 'plan_bound_v2',
  },
];
