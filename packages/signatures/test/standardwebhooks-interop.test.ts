// Interop with the reference `standardwebhooks` npm package, in both directions, on both backends.
import fc from 'fast-check';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../src/index.js';
import { isValidHeaderValue } from '../src/input/header-name.js';
import { backends, expectSignatureError } from './backends.js';

const runs = Math.max(50, Math.floor(Number(process.env.FAST_CHECK_RUNS ?? 10_000) / 50));

const messageArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 40 }).filter(isValidHeaderValue),
  body: fc.string({ unit: 'grapheme', maxLength: 300 }),
  secret: fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => `whsec_${btoa(String.fromCharCode(...bytes))}`),
});

describe.each(backends)('standardwebhooks interop (%s)', (_name, api) => {
  it('the reference library verifies our signatures', async () => {
    await fc.assert(
      fc.asyncProperty(messageArb, async ({ id, body, secret }) => {
        const nowSeconds = Math.floor(Date.now() / 1000);
        const headers = await api.signStandardWebhook({ id, timestamp: nowSeconds, body, secrets: [secret] });
        expect(() => new Webhook(secret).verify(body, headers, { jsonParse: false })).not.toThrow();
      }),
      { numRuns: runs },
    );
  });

  it('we verify the reference library signatures, bare-base64 secrets included', async () => {
    await fc.assert(
      fc.asyncProperty(messageArb, fc.boolean(), async ({ id, body, secret }, dropPrefix) => {
        const nowSeconds = Math.floor(Date.now() / 1000);
        const reference = new Webhook(secret).sign(id, new Date(nowSeconds * 1000), body);
        const headers = {
          'webhook-id': id,
          'webhook-timestamp': String(nowSeconds),
          'webhook-signature': reference,
        };
        const ourSecret = dropPrefix ? secret.slice('whsec_'.length) : secret;
        const verified = await api.verifyStandardWebhook({ headers, body, secrets: [ourSecret] });
        expect(verified).toEqual({ scheme: 'standard-webhooks', id, timestamp: nowSeconds });
      }),
      { numRuns: runs },
    );
  });

  it('both reject a signature made with another secret', async () => {
    const [ours, theirs] = [generateSecret(), generateSecret()];
    const nowSeconds = Math.floor(Date.now() / 1000);
    const headers = await api.signStandardWebhook({
      id: 'msg',
      timestamp: nowSeconds,
      body: '{}',
      secrets: [ours],
    });
    expect(() => new Webhook(theirs).verify('{}', headers)).toThrow(WebhookVerificationError);
    const reference = new Webhook(theirs).sign('msg', new Date(nowSeconds * 1000), '{}');
    const error = await expectSignatureError(() =>
      api.verifyStandardWebhook({
        headers: { ...headers, 'webhook-signature': reference },
        body: '{}',
        secrets: [ours],
      }),
    );
    expect(error.code).toBe('bad_signature');
  });

  it('the reference library accepts our multi-signature (rotation) header with either secret', async () => {
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const nowSeconds = Math.floor(Date.now() / 1000);
    const headers = await api.signStandardWebhook({
      id: 'msg_rot',
      timestamp: nowSeconds,
      body: '{"a":1}',
      secrets: [newSecret, oldSecret],
    });
    for (const secret of [oldSecret, newSecret]) {
      expect(new Webhook(secret).verify('{"a":1}', headers)).toEqual({ a: 1 });
    }
  });
});
