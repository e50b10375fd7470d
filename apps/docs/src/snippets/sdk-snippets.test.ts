import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { type SchemeConfig, signRequest } from '@taskhooks/signatures';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The env values the snippets read, set before each snippet module is imported.
const env = {
  WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  OPENTASK_WEBHOOK_SECRET: 'opentask-secret',
  EXTENSION_WEBHOOK_TOKEN: 'ext_token_7Hq2kLm9',
  WEBHOOK_TOKEN: 'family-hook-token-1',
};
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
beforeAll(() => Object.assign(process.env, env));
afterAll(() => {
  for (const key of Object.keys(env)) delete process.env[key];
  log.mockRestore();
});

interface Snippet {
  receiver: { fetch(request: Request): Promise<Response> };
}

function exampleOf(model: string, event: string): string {
  const schema = getEventSchema(model as 'plan_bound_v2', event as 'plan.failed');
  return JSON.stringify(eventMetadata(schema).examples[0]);
}

async function deliver(
  snippet: Snippet,
  scheme: SchemeConfig,
  secrets: string[],
  event: string,
  body: string,
) {
  const headers = await signRequest({
    scheme,
    id: `msg_${event}_${Math.random().toString(36).slice(2)}`,
    timestamp: Math.floor(Date.now() / 1000),
    event,
    body,
    secrets,
  });
  return snippet.receiver.fetch(
    new Request('http://127.0.0.1/webhooks', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    }),
  );
}

const cases = [
  {
    file: 'standard-webhooks',
    scheme: { scheme: 'standard-webhooks' } as SchemeConfig,
    secrets: [env.WEBHOOK_SECRET],
    wrong: ['whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='],
    model: 'plan_bound_v2',
    event: 'plan.failed',
    logged: /: \d+\/\d+ required, /,
  },
  {
    file: 'hmac-sha256-hex',
    scheme: {
      scheme: 'hmac-sha256-hex',
      signatureHeader: 'X-OpenTask-Signature',
      eventHeader: 'X-OpenTask-Event',
    } as SchemeConfig,
    secrets: [env.OPENTASK_WEBHOOK_SECRET],
    wrong: ['not-the-secret'],
    model: 'task_events_v1',
    event: 'task.completed',
    logged: /^done: /,
  },
  {
    file: 'token-hash',
    scheme: { scheme: 'token-hash' } as SchemeConfig,
    secrets: [env.EXTENSION_WEBHOOK_TOKEN],
    wrong: ['another-token'],
    model: 'extension_v1',
    event: 'lock.time_changed',
    logged: / s applied$/,
  },
  {
    file: 'header-auth',
    scheme: {
      scheme: 'header-auth',
      headers: { Authorization: `Bearer ${env.WEBHOOK_TOKEN}` },
    } as SchemeConfig,
    secrets: [],
    wrong: null,
    model: 'plan_bound_v2',
    event: 'plan.completed',
    logged: /^plan\.completed: .* scored /,
  },
] as const;

describe.each(cases)('receiver SDK snippet $file', (c) => {
  it(`handles a signed ${c.event} example and runs the handler`, async () => {
    const snippet = (await import(`./sdk/${c.file}.ts`)) as Snippet;
    log.mockClear();
    const response = await deliver(snippet, c.scheme, [...c.secrets], c.event, exampleOf(c.model, c.event));
    expect(response.status).toBeLessThan(300);
    expect(log.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(c.logged)]);
  });

  it('refuses a delivery with the wrong credential without running the handler', async () => {
    const snippet = (await import(`./sdk/${c.file}.ts`)) as Snippet;
    log.mockClear();
    const scheme: SchemeConfig =
      c.scheme.scheme === 'header-auth'
        ? { scheme: 'header-auth', headers: { Authorization: 'Bearer wrong' } }
        : c.scheme;
    const response = await deliver(
      snippet,
      scheme,
      c.wrong ? [...c.wrong] : [],
      c.event,
      exampleOf(c.model, c.event),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(log).not.toHaveBeenCalled();
  });
});
