import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceiver } from '../src/index.js';
import { planFailedExample } from './support/payloads.js';
import { otherSecret, secret, signDelivery } from './support/sign.js';

const numRuns = Number(process.env.FAST_CHECK_RUNS ?? 10_000);
const nowSeconds = () => Math.floor(Date.now() / 1000);
// Generous: 10,000 signed runs on a shared 2-core machine; a bound, not a speed assertion.
const fuzzTimeout = 600_000;

function guardedReceiver() {
  let handlerCalls = 0;
  const receiver = createReceiver({ secret, model: 'plan_bound_v2', maxBodyBytes: 64 * 1024 })
    .onAny(() => {
      handlerCalls++;
    })
    .onUnknown(() => {
      handlerCalls++;
    });
  return { receiver, calls: () => handlerCalls };
}

const base64 = fc
  .uint8Array({ minLength: 0, maxLength: 48 })
  .map((bytes) => Buffer.from(bytes).toString('base64'));
const signatureHeader = fc.oneof(
  fc.string(),
  base64.map((b) => `v1,${b}`),
  fc
    .array(
      base64.map((b) => `v1,${b}`),
      { maxLength: 4 },
    )
    .map((list) => list.join(' ')),
);
const timestampHeader = fc.oneof(
  fc.string(),
  fc.integer({ min: -120, max: 120 }).map((skew) => String(nowSeconds() + skew)),
  fc.bigInt().map(String),
);
const headers = fc.record(
  {
    'webhook-id': fc.oneof(fc.string(), fc.uuid()),
    'webhook-timestamp': timestampHeader,
    'webhook-signature': signatureHeader,
    'content-type': fc.constant('application/json'),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.uint8Array({ maxLength: 2048 }),
  fc.json(),
  fc.constant(JSON.stringify(planFailedExample())),
);

describe(`fuzz (${numRuns} runs each, FAST_CHECK_RUNS to change)`, () => {
  it(
    'random bodies and headers never crash the receiver and never reach a handler',
    async () => {
      const { receiver, calls } = guardedReceiver();
      await fc.assert(
        fc.asyncProperty(body, headers, async (rawBody, rawHeaders) => {
          const result = await receiver.receive({ body: rawBody, headers: rawHeaders, method: 'POST' });
          expect(result.status).toBe(401);
          expect(result.error?.status).toBe(401);
          expect(JSON.parse(result.body).ok).toBe(false);
        }),
        { numRuns },
      );
      expect(calls()).toBe(0);
    },
    fuzzTimeout,
  );

  it(
    'a signature made with any other secret never reaches a handler',
    async () => {
      const { receiver, calls } = guardedReceiver();
      await fc.assert(
        fc.asyncProperty(fc.json(), fc.uuid(), async (json, id) => {
          const signed = await signDelivery(null, { body: json, id, secrets: [otherSecret] });
          const result = await receiver.receive(signed);
          expect(result.status).toBe(401);
          expect(result.error?.code).toBe('bad_signature');
        }),
        { numRuns },
      );
      expect(calls()).toBe(0);
    },
    fuzzTimeout,
  );

  it(
    'any change to a signed body is refused',
    async () => {
      const { receiver, calls } = guardedReceiver();
      const signed = await signDelivery(planFailedExample(), { id: 'msg_fuzz_tamper' });
      const bytes = new TextEncoder().encode(signed.body);
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: bytes.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          async (position, flip) => {
            const tampered = bytes.slice();
            tampered[position]! ^= flip;
            const result = await receiver.receive({ body: tampered, headers: signed.headers });
            expect(result.status).toBe(401);
          },
        ),
        { numRuns },
      );
      expect(calls()).toBe(0);
    },
    fuzzTimeout,
  );

  it(
    'correctly signed random JSON is answered 200 or 400, never a crash or 5xx',
    async () => {
      const { receiver } = guardedReceiver();
      const event = fc.constantFrom('plan.failed', 'plan.started', 'submission.approved', 'plan.unknown');
      const example = JSON.stringify(planFailedExample());
      // Body texts, so duplicate keys (including "__proto__") reach JSON.parse exactly as a sender wrote them.
      const bodyText = fc.oneof(
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc
          .record({ event, model: fc.constantFrom('plan_bound_v2', 'plan_bound_v3') })
          .map((v) => JSON.stringify(v)),
        fc
          .tuple(
            fc.jsonValue(),
            fc.oneof(
              fc.string(),
              fc.constantFrom(
                'summary',
                'tasks',
                'plan',
                'score',
                'event',
                'model',
                '__proto__',
                'constructor',
              ),
            ),
          )
          .map(([value, key]) => `{${JSON.stringify(key)}:${JSON.stringify(value)},${example.slice(1)}`),
        fc
          .tuple(fc.jsonValue(), fc.constantFrom('summary', 'tasks', 'plan', 'child', 'event'))
          .map(([value, key]) => `${example.slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`),
      );
      await fc.assert(
        fc.asyncProperty(bodyText, async (text) => {
          const result = await receiver.receive(await signDelivery(null, { body: text }));
          expect([200, 400]).toContain(result.status);
          if (result.status === 400)
            expect(['invalid_json', 'invalid_payload']).toContain(result.error?.code);
          expect(Object.getPrototypeOf(result.delivery?.payload ?? {})).toBe(Object.prototype);
        }),
        { numRuns },
      );
    },
    fuzzTimeout,
  );
});
