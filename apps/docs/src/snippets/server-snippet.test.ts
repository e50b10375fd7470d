import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { signRequest } from '@taskhooks/signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetsDir } from '../guides/snippets.js';

type Verify = (body: Buffer, headers: Record<string, unknown>) => boolean;
const { createWebhookServer } = (await import(pathToFileURL(`${snippetsDir}node/server.mjs`).href)) as {
  createWebhookServer(verify: Verify, onEvent: (payload: unknown, id: string | undefined) => unknown): Server;
};
const { verifyStandardWebhook } = (await import(
  pathToFileURL(`${snippetsDir}node/standard-webhooks.mjs`).href
)) as {
  verifyStandardWebhook(body: Buffer, headers: Record<string, unknown>, secret: string): boolean;
};

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const received: { payload: unknown; id: string | undefined }[] = [];
let failNext = false;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createWebhookServer(
    (body, headers) => verifyStandardWebhook(body, headers, secret),
    (payload, id) => {
      if (failNext) {
        failNext = false;
        throw new Error('downstream unavailable');
      }
      received.push({ payload, id });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(body: string, id: string, tamper = false): Promise<number> {
  const headers = await signRequest({
    scheme: { scheme: 'standard-webhooks' },
    id,
    timestamp: Math.floor(Date.now() / 1000),
    event: 'plan.failed',
    body,
    secrets: [secret],
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: tamper ? body.replace('37.5', '99') : body,
  });
  return response.status;
}

describe('the node:http server snippet', () => {
  it('accepts a signed delivery, hands over the parsed payload, and skips its retry', async () => {
    const body = JSON.stringify({ event: 'plan.failed', summary: { score_pct: 37.5 } });
    expect(await post(body, 'msg_server_1')).toBe(204);
    expect(await post(body, 'msg_server_1')).toBe(204);
    expect(received).toEqual([
      { payload: { event: 'plan.failed', summary: { score_pct: 37.5 } }, id: 'msg_server_1' },
    ]);
  });

  it('answers 401 to a tampered body and never calls the handler', async () => {
    const before = received.length;
    expect(await post(JSON.stringify({ event: 'plan.failed', score: 37.5 }), 'msg_server_2', true)).toBe(401);
    expect(received.length).toBe(before);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    expect(await post('not json', 'msg_server_3')).toBe(400);
  });

  it('answers 500 when the handler fails, and handles the retry of the same id', async () => {
    failNext = true;
    const body = JSON.stringify({ event: 'plan.completed' });
    expect(await post(body, 'msg_server_4')).toBe(500);
    expect(await post(body, 'msg_server_4')).toBe(204);
    expect(received.at(-1)).toEqual({ payload: { event: 'plan.completed' }, id: 'msg_server_4' });
  });
});
