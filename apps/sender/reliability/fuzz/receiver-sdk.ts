import { createReceiver, isWebhookError, verify } from '@taskhooks/receiver-sdk';
import { type SchemeConfig, signRequest } from '@taskhooks/signatures';
import fc from 'fast-check';
import type { FuzzResult, ReliabilityScale } from '../result-types.js';
import { FuzzTally } from './fuzz-tally.js';
import { contractExamples } from './publish-cases.js';

type SchemeName = SchemeConfig['scheme'];
const SCHEMES: SchemeName[] = ['standard-webhooks', 'hmac-sha256-hex', 'token-hash', 'header-auth'];
const MODEL = 'task_events_v1';
const BODY_SIGNED = new Set<SchemeName>(['standard-webhooks', 'hmac-sha256-hex']);
const examples = contractExamples.filter((e) => e.model === MODEL);
const HEADER_NAMES = [
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-taskhooks-signature',
  'x-taskhooks-event',
  'x-webhook-token-hash',
  'x-webhook-event',
  'authorization',
];

type Attack =
  | { kind: 'control (signed with the secret)' }
  | { kind: 'signed with another secret' }
  | { kind: 'fuzzed headers'; headers: Record<string, string | string[] | undefined> }
  | { kind: 'signed, body changed'; at: number; char: string }
  | { kind: 'signed, signature changed'; at: number; char: string }
  | { kind: 'fuzzed body'; body: unknown };

interface SdkCase {
  scheme: SchemeName;
  secret: Uint8Array;
  other: Uint8Array;
  example: number;
  attack: Attack;
  viaReceive: boolean;
}

const headerValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
  fc.constant(undefined),
);
const attackArb: fc.Arbitrary<Attack> = fc.oneof(
  fc.constant({ kind: 'control (signed with the secret)' as const }),
  fc.constant({ kind: 'signed with another secret' as const }),
  fc
    .dictionary(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 20 })), headerValue, {
      maxKeys: 6,
    })
    .map((headers) => ({ kind: 'fuzzed headers' as const, headers })),
  fc
    .tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 }))
    .map(([at, char]) => ({ kind: 'signed, body changed' as const, at, char })),
  fc
    .tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 }))
    .map(([at, char]) => ({ kind: 'signed, signature changed' as const, at, char })),
  fc
    .oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant(undefined),
    )
    .map((body) => ({ kind: 'fuzzed body' as const, body })),
);

const caseArb: fc.Arbitrary<SdkCase> = fc.record({
  scheme: fc.constantFrom(...SCHEMES),
  secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  other: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  example: fc.nat({ max: examples.length - 1 }),
  attack: attackArb,
  viaReceive: fc.boolean(),
});

const secretText = (scheme: SchemeName, bytes: Uint8Array) =>
  scheme === 'standard-webhooks'
    ? `whsec_${Buffer.from(bytes).toString('base64')}`
    : Buffer.from(bytes).toString('base64url');
const schemeOf = (scheme: SchemeName, secret: string): SchemeConfig =>
  scheme === 'header-auth'
    ? { scheme, headers: { authorization: `Bearer ${secret}` } }
    : ({ scheme } as SchemeConfig);

/**
 * The receiver SDK under fuzzed headers and bodies, for every scheme: nothing but a request signed
 * with the receiver's own secret (over exactly these bytes) may verify, and every refusal is a typed
 * WebhookError (from `verify`) or a rejected result (from `receive`, which never throws).
 */
export async function fuzzReceiverSdk(scale: ReliabilityScale, seed: number): Promise<FuzzResult> {
  const tally = new FuzzTally('receiver SDK (headers, bodies)');
  const cases = fc.sample(caseArb, { numRuns: scale === 'full' ? 20_000 : 2_000, seed });
  for (const c of cases) tally.record(c.attack.kind, await runCase(c));
  return tally.result();
}

async function runCase(c: SdkCase): Promise<string | null> {
  const secret = secretText(c.scheme, c.secret);
  const other = secretText(c.scheme, c.other);
  const example = examples[c.example]!;
  let body: unknown = JSON.stringify(example.payload);
  const signWith = async (key: string) =>
    signRequest({
      scheme: schemeOf(c.scheme, key),
      id: `msg_${c.example}`,
      timestamp: Math.floor(Date.now() / 1000),
      event: example.event,
      body: body as string,
      secrets: [key],
    });
  let headers: Record<string, string | string[] | undefined> = await signWith(secret);
  const attack = c.attack;
  let changed = '';
  const control = attack.kind === 'control (signed with the secret)';
  if (attack.kind === 'signed with another secret' && other !== secret) headers = await signWith(other);
  if (attack.kind === 'fuzzed headers') headers = attack.headers;
  if (attack.kind === 'fuzzed body') body = attack.body;
  if (attack.kind === 'signed, body changed') body = changeAt(body as string, attack.at, attack.char);
  if (attack.kind === 'signed, signature changed') {
    const name = Object.keys(headers).find((h) => /signature|hash|authorization/.test(h));
    if (name) {
      const before = String(headers[name]);
      // A case-only change of a hex digit is the same digest (the compare is case-insensitive): not a forgery.
      headers = { ...headers, [name]: changeAt(before, attack.at, attack.char, { caseSensitive: false }) };
      const index = attack.at % Math.max(1, before.length);
      changed = ` (${name}[${index}] ${JSON.stringify(before[index])} → ${JSON.stringify(String(headers[name])[index])})`;
    }
  }
  const mustVerify = control || (attack.kind === 'signed with another secret' && other === secret);
  // token-hash and header-auth authenticate the sender, not the body: a changed body still carries
  // the secret, so only "typed errors only" applies to those cases.
  const carriesSecret = attack.kind === 'signed, body changed' && !BODY_SIGNED.has(c.scheme);
  const what = `${c.scheme} ${attack.kind}${changed} via ${c.viaReceive ? 'receive' : 'verify'}`;
  const config = {
    model: MODEL,
    ...(c.scheme === 'header-auth' ? {} : { secret }),
    scheme: schemeOf(c.scheme, secret),
  } as Parameters<typeof verify>[0];

  if (c.viaReceive) {
    let result: { ok?: boolean; status: number } | undefined;
    try {
      result = (await createReceiver(config).receive({ body, headers, method: 'POST' })) as unknown as {
        status: number;
      };
    } catch (error) {
      return `${what}: receive threw ${describe(error)}`;
    }
    const accepted = result.status >= 200 && result.status < 300;
    if (mustVerify) return accepted ? null : `${what}: the rightful request was refused (${result.status})`;
    return accepted && !carriesSecret ? `${what}: accepted without the secret` : null;
  }
  try {
    await verify({ ...config, body, headers } as Parameters<typeof verify>[0]);
    return mustVerify || carriesSecret ? null : `${what}: verified without the secret`;
  } catch (error) {
    if (!isWebhookError(error)) return `${what}: threw an untyped ${describe(error)}`;
    return mustVerify ? `${what}: the rightful request was refused (${error.code})` : null;
  }
}

/** `text` with the character at `at` (mod length) replaced by something different. */
function changeAt(text: string, at: number, char: string, options = { caseSensitive: true }): string {
  if (text.length === 0) return char;
  const index = at % text.length;
  const same = (a: string, b: string) =>
    options.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
  const replacement = !same(text[index]!, char) ? char : same(text[index]!, 'a') ? 'b' : 'a';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message.slice(0, 120)}` : typeof error;
