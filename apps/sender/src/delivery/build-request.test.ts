import { createHash, createHmac } from 'node:crypto';
import { generateSecret, REDACTED, type SchemeConfig, verifyRequest } from '@taskhooks/signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredScheme } from '../store/types.js';
import { sampleClaim, sampleEndpoint, samplePayload } from '../testing/fixtures.js';
import { type ReceivedRequest, startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { buildRequest, DEFAULT_USER_AGENT, UndeliverableMessageError } from './build-request.js';
import { CustomHeaderError } from './custom-headers.js';
import { createHttpDispatcher, type HttpDispatcher } from './http-dispatch.js';
import type { ResolvedSecrets } from './secrets-resolver.js';

const NOW = Date.UTC(2026, 1, 27, 15, 0, 5);
let receiver: TestReceiver;
let dispatcher: HttpDispatcher;

beforeAll(async () => {
  receiver = await startTestReceiver((_req, res) => res.writeHead(200).end());
  dispatcher = createHttpDispatcher();
});
afterAll(async () => {
  await dispatcher.close();
  await receiver.close();
});

/** Builds the request, sends it to the real receiver and returns what arrived plus the redacted log copy. */
async function deliver(scheme: StoredScheme, resolved: ResolvedSecrets) {
  const claimed = sampleClaim(sampleEndpoint({ scheme, url: receiver.url('/hook') }));
  const built = await buildRequest({ claimed, resolved, now: NOW });
  const before = receiver.requests.length;
  const result = await dispatcher.dispatch(built.request);
  expect(result.status).toBe(200);
  const received = receiver.requests[before] as ReceivedRequest;
  return { built, received, claimed };
}

function expectNoSecretIn(record: unknown, secrets: string[]) {
  const text = JSON.stringify(record);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('buildRequest → real HTTP → verifyRequest on the receiving side', () => {
  it('standard-webhooks: verifiable, webhook-id is the message id, signature redacted in the log', async () => {
    const secret = generateSecret('standard-webhooks');
    const { built, received, claimed } = await deliver(
      { scheme: 'standard-webhooks' },
      { secrets: [secret], headers: {} },
    );
    const scheme: SchemeConfig = { scheme: 'standard-webhooks' };
    const verified = await verifyRequest({
      scheme,
      headers: received.headers,
      body: received.body,
      secrets: [secret],
      now: () => NOW,
    });
    expect(verified.id).toBe(claimed.message.id);
    expect(received.headers['webhook-timestamp']).toBe(String(Math.floor(NOW / 1000)));
    await expect(
      verifyRequest({
        scheme,
        headers: received.headers,
        body: received.body,
        secrets: [generateSecret()],
        now: () => NOW,
      }),
    ).rejects.toThrow(/signature/i);
    expect(received.body).toBe(samplePayload);
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(built.redactedHeaders['webhook-signature']).toBe(REDACTED);
    expect(built.redactedHeaders['webhook-id']).toBe(claimed.message.id);
    expectNoSecretIn(built.redactedHeaders, [received.headers['webhook-signature']!]);
  });

  it('hmac-sha256-hex with OpenTask header names matches the seed-003 verification snippet', async () => {
    const secret = 'opentask-secret';
    const stored: StoredScheme = {
      scheme: 'hmac-sha256-hex',
      signatureHeader: 'X-OpenTask-Signature',
      eventHeader: 'X-OpenTask-Event',
    };
    const { built, received } = await deliver(stored, {
      secrets: [secret],
      headers: { 'X-Extra-Key': 'extra-secret' },
    });
    const expected = `sha256=${createHmac('sha256', secret).update(received.body).digest('hex')}`;
    expect(received.headers['x-opentask-signature']).toBe(expected);
    expect(received.headers['x-opentask-event']).toBe('task.completed');
    expect(received.headers['x-extra-key']).toBe('extra-secret');
    const verified = await verifyRequest({
      scheme: stored,
      headers: received.headers,
      body: received.body,
      secrets: [secret],
    });
    expect(verified.event).toBe('task.completed');
    expect(built.redactedHeaders['x-opentask-event']).toBe('task.completed');
    expectNoSecretIn(built.redactedHeaders, [expected, 'extra-secret', secret]);
  });

  it('token-hash (seed 002): x-webhook-token-hash is sha256(token) and x-webhook-event the event', async () => {
    const token = 'ext-token-123';
    const { built, received } = await deliver({ scheme: 'token-hash' }, { secrets: [token], headers: {} });
    expect(received.headers['x-webhook-token-hash']).toBe(createHash('sha256').update(token).digest('hex'));
    expect(received.headers['x-webhook-event']).toBe('task.completed');
    await verifyRequest({
      scheme: { scheme: 'token-hash' },
      headers: received.headers,
      body: received.body,
      secrets: [token],
    });
    expectNoSecretIn(built.redactedHeaders, [received.headers['x-webhook-token-hash']!, token]);
  });

  it('header-auth (seed 000): the configured auth headers arrive and are redacted in the log', async () => {
    const headers = { Authorization: 'Bearer fam-token', 'X-Family-Key': 'fam-key' };
    const { built, received } = await deliver({ scheme: 'header-auth' }, { secrets: [], headers });
    expect(received.headers.authorization).toBe('Bearer fam-token');
    expect(received.headers['x-family-key']).toBe('fam-key');
    await verifyRequest({
      scheme: { scheme: 'header-auth', headers },
      headers: received.headers,
      body: received.body,
      secrets: [],
    });
    expect(Object.values(built.redactedHeaders).filter((v) => v === REDACTED)).toHaveLength(2);
    expectNoSecretIn(built.redactedHeaders, ['fam-token', 'fam-key']);
  });
});

describe('buildRequest refuses what it cannot send', () => {
  it('custom headers may not shadow the scheme headers', async () => {
    const claimed = sampleClaim(sampleEndpoint({ scheme: { scheme: 'token-hash' } }));
    const resolved = { secrets: ['t'], headers: { 'X-Webhook-Event': 'forged.event' } };
    await expect(buildRequest({ claimed, resolved, now: NOW })).rejects.toThrow(CustomHeaderError);
    await expect(buildRequest({ claimed, resolved, now: NOW })).rejects.toThrow(
      /X-Webhook-Event: set by the endpoint signature scheme/,
    );
  });

  it('header-auth values with CRLF are rejected without echoing them', async () => {
    const claimed = sampleClaim(sampleEndpoint({ scheme: { scheme: 'header-auth' } }));
    const promise = buildRequest({
      claimed,
      resolved: { secrets: [], headers: { 'X-Key': 'abc\r\nX-Evil: 1' } },
      now: NOW,
    });
    await expect(promise).rejects.toThrow(/X-Key: value contains CR or LF/);
    await expect(promise).rejects.not.toThrow(/abc/);
  });

  it('a purged payload cannot be delivered', async () => {
    const claimed = sampleClaim(sampleEndpoint(), null);
    await expect(
      buildRequest({ claimed, resolved: { secrets: ['s'], headers: {} }, now: NOW }),
    ).rejects.toThrow(UndeliverableMessageError);
  });

  it('a signing scheme without secrets fails with the scheme error', async () => {
    const claimed = sampleClaim(sampleEndpoint({ scheme: { scheme: 'standard-webhooks' } }));
    await expect(buildRequest({ claimed, resolved: { secrets: [], headers: {} }, now: NOW })).rejects.toThrow(
      /secret/i,
    );
  });
});
