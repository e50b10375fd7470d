// Writes test-vectors/signatures.json from implementations independent of src/: the `standardwebhooks`
// reference library and plain node:crypto. `--check` fails if the committed file's content differs
// (compared as parsed JSON, so formatting by biome does not matter).
// Run: npx tsx scripts/generate-test-vectors.ts [--check]
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Webhook } from 'standardwebhooks';

type Scheme =
  | { scheme: 'standard-webhooks' }
  | { scheme: 'hmac-sha256-hex'; signatureHeader?: string; eventHeader?: string }
  | { scheme: 'token-hash'; tokenHashHeader?: string; eventHeader?: string }
  | { scheme: 'header-auth'; headers: Record<string, string> };

interface SignCase {
  name: string;
  scheme: Scheme;
  input: { id: string; timestamp: number; event: string; body: string; secrets: string[] };
  expectedHeaders: Record<string, string>;
}

interface VerifyFailureCase {
  name: string;
  scheme: Scheme;
  headers: Record<string, string>;
  body: string;
  secrets: string[];
  nowSeconds: number;
  toleranceSeconds?: number;
  expectedError: string;
}

const OUTPUT = new URL('../test-vectors/signatures.json', import.meta.url);

// The example secret and message from the Standard Webhooks specification.
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECOND_SECRET = `whsec_${Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64')}`;
const BARE_SECRET = Buffer.from('taskhooks-test-vector-key-024').toString('base64');
const TIMESTAMP = 1614265330;

const taskBody = JSON.stringify({
  event: 'task.completed',
  timestamp: '2026-02-27T15:00:00.000Z',
  data: { task: { id: 42, title: 'Call dentist', done: true } },
});
const unicodeBody = '{"child_name":"Misi 🦄","plan_title":"Házi feladat – ünnep","score":37.5}';

function standardWebhookHeaders(id: string, timestamp: number, body: string, secrets: string[]) {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(id, new Date(timestamp * 1000), body));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

const hmacHex = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

function signCases(): SignCase[] {
  const sw: Scheme = { scheme: 'standard-webhooks' };
  const cases: SignCase[] = [];
  const addStandard = (name: string, id: string, body: string, secrets: string[]) =>
    cases.push({
      name,
      scheme: sw,
      input: { id, timestamp: TIMESTAMP, event: 'task.completed', body, secrets },
      expectedHeaders: standardWebhookHeaders(id, TIMESTAMP, body, secrets),
    });
  addStandard('spec example', 'msg_p5jXN8AQM9LWM0D4loKWxJek', '{"test": 2432232314}', [SPEC_SECRET]);
  addStandard('rotation: one signature per active secret', 'msg_rotation_1', taskBody, [
    SECOND_SECRET,
    SPEC_SECRET,
  ]);
  addStandard('non-ASCII UTF-8 body, secret without whsec_ prefix', 'msg_unicode_1', unicodeBody, [
    BARE_SECRET,
  ]);
  addStandard('empty body', 'msg_empty_1', '', [SPEC_SECRET]);

  const hmacCase = (
    name: string,
    scheme: Scheme,
    secret: string,
    body: string,
    event: string,
    names: [string, string],
  ) =>
    cases.push({
      name,
      scheme,
      input: { id: 'unused-by-scheme', timestamp: TIMESTAMP, event, body, secrets: [secret] },
      expectedHeaders: { [names[0]]: hmacHex(secret, body), [names[1]]: event },
    });
  hmacCase('default headers', { scheme: 'hmac-sha256-hex' }, 'opentask-secret', taskBody, 'task.completed', [
    'x-taskhooks-signature',
    'x-taskhooks-event',
  ]);
  hmacCase(
    'OpenTask header names (output is lower-case)',
    { scheme: 'hmac-sha256-hex', signatureHeader: 'X-OpenTask-Signature', eventHeader: 'X-OpenTask-Event' },
    'a3f1c9e07b2d',
    taskBody,
    'task.completed',
    ['x-opentask-signature', 'x-opentask-event'],
  );
  hmacCase(
    'non-ASCII body and secret',
    { scheme: 'hmac-sha256-hex' },
    'sécret-ключ',
    unicodeBody,
    'plan.failed',
    ['x-taskhooks-signature', 'x-taskhooks-event'],
  );

  const tokenCase = (name: string, scheme: Scheme, token: string, event: string, names: [string, string]) =>
    cases.push({
      name,
      scheme,
      input: { id: 'unused-by-scheme', timestamp: TIMESTAMP, event, body: taskBody, secrets: [token] },
      expectedHeaders: { [names[0]]: tokenHash(token), [names[1]]: event },
    });
  tokenCase('default headers', { scheme: 'token-hash' }, 'ext_token_7Hq2kLm9', 'lock.time_changed', [
    'x-webhook-token-hash',
    'x-webhook-event',
  ]);
  tokenCase(
    'custom header names',
    { scheme: 'token-hash', tokenHashHeader: 'X-Chaster-Token-Hash', eventHeader: 'X-Chaster-Event' },
    'another-token',
    'task.completed',
    ['x-chaster-token-hash', 'x-chaster-event'],
  );

  const authCase = (name: string, headers: Record<string, string>) =>
    cases.push({
      name,
      scheme: { scheme: 'header-auth', headers },
      input: {
        id: 'unused-by-scheme',
        timestamp: TIMESTAMP,
        event: 'plan.completed',
        body: taskBody,
        secrets: [],
      },
      expectedHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    });
  authCase('bearer token', { Authorization: 'Bearer family-hook-token-1' });
  authCase('API key plus a second header', { 'X-API-Key': 'key-123', 'X-Family-Id': '80a4cdcd' });
  return cases;
}

function verifyFailureCases(): VerifyFailureCase[] {
  const sw: Scheme = { scheme: 'standard-webhooks' };
  const id = 'msg_negative_1';
  const signed = standardWebhookHeaders(id, TIMESTAMP, taskBody, [SPEC_SECRET]);
  const base = { scheme: sw, body: taskBody, secrets: [SPEC_SECRET], nowSeconds: TIMESTAMP };
  const hmac: Scheme = { scheme: 'hmac-sha256-hex' };
  const hmacHeaders = {
    'x-taskhooks-signature': hmacHex('opentask-secret', taskBody),
    'x-taskhooks-event': 'task.completed',
  };
  const token: Scheme = { scheme: 'token-hash' };
  const tokenHeaders = {
    'x-webhook-token-hash': tokenHash('ext_token_7Hq2kLm9'),
    'x-webhook-event': 'task.completed',
  };
  const auth: Scheme = { scheme: 'header-auth', headers: { Authorization: 'Bearer family-hook-token-1' } };
  const { 'webhook-signature': _omitted, ...unsigned } = signed;
  return [
    {
      name: 'tampered body',
      ...base,
      headers: signed,
      body: taskBody.replace('42', '43'),
      expectedError: 'bad_signature',
    },
    {
      name: 'wrong secret',
      ...base,
      headers: signed,
      secrets: [SECOND_SECRET],
      expectedError: 'bad_signature',
    },
    {
      name: 'timestamp 301s old (tolerance 300)',
      ...base,
      headers: signed,
      nowSeconds: TIMESTAMP + 301,
      expectedError: 'timestamp_too_old',
    },
    {
      name: 'timestamp 301s in the future',
      ...base,
      headers: signed,
      nowSeconds: TIMESTAMP - 301,
      expectedError: 'timestamp_too_new',
    },
    {
      name: 'custom tolerance 60s',
      ...base,
      headers: signed,
      nowSeconds: TIMESTAMP + 61,
      toleranceSeconds: 60,
      expectedError: 'timestamp_too_old',
    },
    { name: 'missing webhook-signature', ...base, headers: unsigned, expectedError: 'missing_headers' },
    {
      name: 'non-numeric timestamp',
      ...base,
      headers: { ...signed, 'webhook-timestamp': '2021-02-25T15:02:10Z' },
      expectedError: 'invalid_timestamp',
    },
    {
      name: 'only unknown signature versions',
      ...base,
      headers: { ...signed, 'webhook-signature': signed['webhook-signature'].replace('v1,', 'v2,') },
      expectedError: 'bad_signature',
    },
    {
      name: 'body parsed and stringified with String()',
      ...base,
      headers: signed,
      body: '[object Object]',
      expectedError: 'bad_signature',
    },
    {
      name: 'hmac: tampered body',
      scheme: hmac,
      headers: hmacHeaders,
      body: `${taskBody} `,
      secrets: ['opentask-secret'],
      nowSeconds: TIMESTAMP,
      expectedError: 'bad_signature',
    },
    {
      name: 'hmac: wrong secret',
      scheme: hmac,
      headers: hmacHeaders,
      body: taskBody,
      secrets: ['other-secret'],
      nowSeconds: TIMESTAMP,
      expectedError: 'bad_signature',
    },
    {
      name: 'hmac: signature without sha256= prefix',
      scheme: hmac,
      headers: { ...hmacHeaders, 'x-taskhooks-signature': hmacHeaders['x-taskhooks-signature'].slice(7) },
      body: taskBody,
      secrets: ['opentask-secret'],
      nowSeconds: TIMESTAMP,
      expectedError: 'bad_signature',
    },
    {
      name: 'hmac: missing signature header',
      scheme: hmac,
      headers: { 'x-taskhooks-event': 'task.completed' },
      body: taskBody,
      secrets: ['opentask-secret'],
      nowSeconds: TIMESTAMP,
      expectedError: 'missing_headers',
    },
    {
      name: 'token-hash: wrong token',
      scheme: token,
      headers: tokenHeaders,
      body: taskBody,
      secrets: ['not-the-token'],
      nowSeconds: TIMESTAMP,
      expectedError: 'bad_signature',
    },
    {
      name: 'token-hash: raw token instead of its hash',
      scheme: token,
      headers: { ...tokenHeaders, 'x-webhook-token-hash': 'ext_token_7Hq2kLm9' },
      body: taskBody,
      secrets: ['ext_token_7Hq2kLm9'],
      nowSeconds: TIMESTAMP,
      expectedError: 'bad_signature',
    },
    {
      name: 'token-hash: missing header',
      scheme: token,
      headers: { 'x-webhook-event': 'task.completed' },
      body: taskBody,
      secrets: ['ext_token_7Hq2kLm9'],
      nowSeconds: TIMESTAMP,
      expectedError: 'missing_headers',
    },
    {
      name: 'header-auth: wrong value',
      scheme: auth,
      headers: { authorization: 'Bearer family-hook-token-2' },
      body: taskBody,
      secrets: [],
      nowSeconds: TIMESTAMP,
      expectedError: 'bad_signature',
    },
    {
      name: 'header-auth: missing header',
      scheme: auth,
      headers: { 'x-api-key': 'Bearer family-hook-token-1' },
      body: taskBody,
      secrets: [],
      nowSeconds: TIMESTAMP,
      expectedError: 'missing_headers',
    },
  ];
}

const vectors = {
  $comment:
    'Generated by scripts/generate-test-vectors.ts from the standardwebhooks reference library and node:crypto. Bodies are UTF-8. Every "sign" case must also verify with now = input.timestamp.',
  version: 1,
  schemes: {
    'standard-webhooks':
      'webhook-signature = "v1," + base64(HMAC-SHA256(key, webhook-id + "." + webhook-timestamp + "." + body)), space-separated per secret; key = base64-decode(secret without "whsec_"); timestamp tolerance 300s both ways',
    'hmac-sha256-hex':
      'signature header = "sha256=" + hex(HMAC-SHA256(utf8(secret), body)); event header = event name',
    'token-hash': 'token hash header = hex(SHA-256(utf8(token))); event header = event name',
    'header-auth': 'the configured headers, names lower-cased, compared exactly',
  },
  sign: signCases(),
  verifyFailures: verifyFailureCases(),
};

const text = `${JSON.stringify(vectors, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (!isDeepStrictEqual(JSON.parse(readFileSync(OUTPUT, 'utf8')), JSON.parse(text))) {
    console.error('test-vectors/signatures.json is stale: run npx tsx scripts/generate-test-vectors.ts');
    process.exit(1);
  }
  console.log('test vectors up to date');
} else {
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${vectors.sign.length} sign cases and ${vectors.verifyFailures.length} failure cases`);
}
