import { readFileSync } from 'node:fs';
import { verifyRequest } from '@taskhooks/signatures';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, type Backend, pgQuery, startApiHarness, waitFor } from './testing/api-harness.js';

type Created = {
  endpoint: { id: string; model: string; secretHint: string | null; headerNames: string[] };
  secret: string | null;
};

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Everything the database holds on disk for this harness, as text (SQLite file + WAL, or every row). */
async function rawDatabaseText(harness: ApiHarness): Promise<string> {
  if (harness.sqlitePath) {
    return ['', '-wal']
      .map((suffix) => {
        try {
          return readFileSync(`${harness.sqlitePath}${suffix}`).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('\n');
  }
  const tables = ['endpoints', 'messages', 'deliveries', 'attempts', 'api_keys', 'operational_events'];
  const dumps = await Promise.all(tables.map((t) => pgQuery(`SELECT * FROM ${harness.pgSchema}.${t}`)));
  return JSON.stringify(dumps);
}

describe.each<Backend>(['sqlite', 'postgres'])('endpoints API on %s', (backend) => {
  it('shows the secret once: never in list/get, attempt records, logs or the database', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const headerValue = `Bearer hdr-${'q'.repeat(24)}`;
    const created = await h.call<Created>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/hook'),
      model: 'plan_bound_v2',
      events: ['plan.*'],
      headers: { Authorization: headerValue, 'X-Family': 'kovacs' },
    });
    expect(created.status).toBe(200);
    const secret = created.data.secret!;
    expect(secret).toMatch(/^whsec_/);
    expect(created.data.endpoint.secretHint).toMatch(/^sha256:[0-9a-f]{8}$/);
    expect(created.data.endpoint.headerNames).toEqual(['Authorization', 'X-Family']);

    const sent = await h.call<{ messageId: string }>('endpoints.sendTest', {
      endpointId: created.data.endpoint.id,
    });
    expect(sent.status).toBe(200);
    const request = await waitFor(() => h!.receiver.requests[0], 'the test delivery');
    expect(request.headers.authorization).toBe(headerValue);
    await expect(
      verifyRequest({
        scheme: { scheme: 'standard-webhooks' },
        headers: request.headers,
        body: request.body,
        secrets: [secret],
      }),
    ).resolves.toMatchObject({ id: sent.data.messageId });

    const deliveries = await waitFor(async () => {
      const page = await h!.call<{ items: { id: string; status: string }[] }>('deliveries.list', {
        endpointId: created.data.endpoint.id,
      });
      return page.data.items[0]?.status === 'succeeded' && page.data.items;
    }, 'the delivery to succeed');
    const reads = [
      await h.call('endpoints.get', { endpointId: created.data.endpoint.id }),
      await h.call('endpoints.list', { tenantId: 'fam' }),
      await h.call('deliveries.get', { deliveryId: deliveries[0]!.id }),
      await h.call('messages.get', { messageId: sent.data.messageId }),
    ];
    for (const read of reads) expect(read.status).toBe(200);
    const attempt = (reads[2]!.data as { attempts: { requestHeaders: Record<string, string> }[] })
      .attempts[0]!;
    const logged = Object.fromEntries(
      Object.entries(attempt.requestHeaders).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(logged).toMatchObject({
      authorization: '[redacted]',
      'x-family': '[redacted]',
      'webhook-signature': '[redacted]',
    });

    const raw = await rawDatabaseText(h);
    expect(raw).toContain(h.receiver.url('/hook')); // the dump is readable: absence below means something
    const everything = [JSON.stringify(reads), h.logs(), raw].join('\n');
    for (const needle of [secret, secret.slice('whsec_'.length), headerValue, 'kovacs']) {
      expect(everything).not.toContain(needle);
    }
  });

  it('an admin listing a tenant that does not exist gets 404 naming it, not an empty list', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    for (const procedure of ['endpoints.list', 'messages.list', 'apiKeys.list']) {
      const missing = await h.call(procedure, { tenantId: 'famm' });
      expect([procedure, missing.status, missing.error?.message]).toEqual([
        procedure,
        404,
        'tenant "famm" does not exist',
      ]);
      expect((await h.call(procedure, { tenantId: 'fam' })).status).toBe(200);
    }
  });

  it('a new URL starts a new failing period; other changes keep it', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const created = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/old'),
      model: 'plan_bound_v2',
    });
    const id = created.data.endpoint.id;
    await h.store.updateEndpoint(id, { failingSince: Date.now() - 60_000 }, Date.now());
    const kept = await h.call('endpoints.update', {
      endpointId: id,
      description: 'renamed',
      url: h.receiver.url('/old'),
    });
    expect(kept.status).toBe(200);
    expect((await h.store.getEndpoint(id))?.failingSince).not.toBeNull();
    expect((await h.call('endpoints.update', { endpointId: id, url: h.receiver.url('/new') })).status).toBe(
      200,
    );
    expect(await h.store.getEndpoint(id)).toMatchObject({ url: h.receiver.url('/new'), failingSince: null });
  });

  it('pins the newest version for a model family name and keeps an explicit pin', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const newest = await h.call<Created>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/a'),
      model: 'plan_bound',
    });
    expect(newest.status).toBe(200);
    expect(newest.data.endpoint.model).toBe('plan_bound_v3');
    const pinned = await h.call<Created>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/b'),
      model: 'plan_bound_v2',
    });
    expect(pinned.data.endpoint.model).toBe('plan_bound_v2');
    const unknown = await h.call('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/c'),
      model: 'plan_bond',
    });
    expect(unknown.status).toBe(400);
  });

  it('rotates: both secrets verify during the overlap, only the new one after it (injected clock)', async () => {
    let offsetMs = 0;
    const clock = () => Date.now() + offsetMs;
    h = await startApiHarness(backend, { now: clock });
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const created = await h.call<Created>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/hook'),
      model: 'plan_bound_v2',
    });
    const id = created.data.endpoint.id;
    const oldSecret = created.data.secret!;
    const rotated = await h.call<{
      secret: string;
      previousSecretExpiresAt: number;
      endpoint: { previousSecrets: unknown[] };
    }>('endpoints.rotateSecret', { endpointId: id });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.data.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.data.previousSecretExpiresAt - clock()).toBeGreaterThan(23.9 * 3_600_000);
    expect(rotated.data.endpoint.previousSecrets).toHaveLength(1);

    const verifyWith = (request: { headers: Record<string, string>; body: string }, secrets: string[]) =>
      verifyRequest({
        scheme: { scheme: 'standard-webhooks' },
        headers: request.headers,
        body: request.body,
        secrets,
        now: clock,
      });

    await h.call('endpoints.sendTest', { endpointId: id });
    const during = await waitFor(() => h!.receiver.requests[0], 'delivery during the overlap');
    await expect(verifyWith(during, [oldSecret])).resolves.toBeTruthy();
    await expect(verifyWith(during, [newSecret])).resolves.toBeTruthy();

    offsetMs = 25 * 3_600_000; // past the default 24 h overlap
    await h.call('endpoints.sendTest', { endpointId: id });
    const after = await waitFor(() => h!.receiver.requests[1], 'delivery after the overlap');
    await expect(verifyWith(after, [newSecret])).resolves.toBeTruthy();
    await expect(verifyWith(after, [oldSecret])).rejects.toThrow();
    const view = await h.call<{ previousSecrets: unknown[] }>('endpoints.get', { endpointId: id });
    expect(view.data.previousSecrets).toEqual([]);
  });

  it('validates every field with a path: URL per mode, events of the model, headers, timeout, retry', async () => {
    h = await startApiHarness(backend, {
      env: { TASKHOOKS_MODE: 'production', TASKHOOKS_MAX_TIMEOUT_MS: '5000' },
    });
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const base = { tenantId: 'fam', url: 'https://93.184.216.34/hook', model: 'plan_bound_v2' };
    const attempt = (input: object) => h!.call('endpoints.create', { ...base, ...input });
    const issues = async (input: object) => {
      const result = await attempt(input);
      expect(result.status).toBe(400);
      return result.error!.data.issues.map((issue) => `${issue.path}: ${issue.message}`);
    };

    expect(await issues({ url: 'http://127.0.0.1:9000/hook' })).toEqual([
      expect.stringMatching(/^url: .*loopback/),
    ]);
    expect(await issues({ url: 'http://10.1.2.3/hook' })).toEqual([expect.stringMatching(/^url: .*private/)]);
    expect(await issues({ url: 'ftp://example.com/x' })).toEqual([expect.stringMatching(/^url: .*scheme/)]);
    // WHATWG parsing would turn these into http://93.184.216.34/hook; refuse instead of guessing.
    for (const url of ['http:/93.184.216.34/hook', 'https:93.184.216.34/hook', 'http:\\\\93.184.216.34/hook'])
      expect(await issues({ url })).toEqual(['url: expected an absolute URL written as http(s)://host/…']);
    // Whitespace and control characters are refused, not trimmed or dropped by URL parsing.
    for (const url of [
      ' https://93.184.216.34/hook',
      'https://93.184.216.34/hook\r\n',
      'https://93.184.216.34/ho\tok',
    ])
      expect(await issues({ url })).toEqual([
        expect.stringMatching(/^url: (has a leading or trailing space|contains a control character)/),
      ]);
    // What would be sent other than written: a fragment (never sent), a backslash (sent as '/'),
    // a space (sent as %20).
    expect(await issues({ url: 'https://93.184.216.34/hook?x=1#sec' })).toEqual([
      expect.stringMatching(/^url: has a fragment \(#…\), which is never sent/),
    ]);
    for (const url of [
      'https://93.184.216.34/a\\b',
      'https://93.184.216.34/sp ace',
      'https://93.184.216.34/q?x=a b',
    ])
      expect(await issues({ url })).toEqual([
        'url: contains a backslash or a space; percent-encode it (%5C, %20)',
      ]);
    // A backslash in the query is sent as written: nothing to refuse.
    const withQueryBackslash = await attempt({ url: 'https://93.184.216.34/q?x=a\\b' });
    expect(withQueryBackslash.status).toBe(200);
    const accepted = (withQueryBackslash.data as { endpoint: { id: string } }).endpoint.id;
    expect((await h.call('endpoints.delete', { endpointId: accepted })).status).toBe(200);
    // A misspelt field is an error, not silently dropped (the endpoint would lose the setting).
    expect(await issues({ timeout: 5000, event: 'plan.completed' })).toEqual([
      'timeout: unknown field "timeout"; this call does not take it (check the spelling)',
      'event: unknown field "event"; this call does not take it (check the spelling)',
    ]);
    // …nested ones too.
    expect(await issues({ scheme: { scheme: 'hmac-sha256-hex', signatureHeadr: 'X-Sig' } })).toEqual([
      'scheme.signatureHeadr: unknown field "signatureHeadr"; this call does not take it (check the spelling)',
    ]);
    expect(
      await issues({
        retry: {
          custom: { maxAttempts: 2, delaysMs: [1000], retryOn: { status4xx: true, status404: true } },
        },
      }),
    ).toEqual([
      'retry.custom.retryOn.status404: unknown field "status404"; this call does not take it (check the spelling)',
    ]);
    const events = await issues({ events: ['plan.completed', 'plan.nope', 'ghost.*'] });
    expect(events).toEqual([
      expect.stringMatching(/^events\.1: unknown event; valid events: .*plan\.completed/),
      expect.stringMatching(/^events\.2: no event of plan_bound_v2 starts with "ghost\."/),
    ]);
    expect(await issues({ model: 'nope_v9' })).toEqual([
      expect.stringMatching(/^model: known models: .*plan_bound_v2/),
    ]);
    expect(await issues({ headers: { 'Content-Type': 'text/plain', 'Bad Name': 'x' } })).toEqual([
      expect.stringMatching(/^headers\.Content-Type: content-type cannot be set/),
      expect.stringMatching(/^headers\.Bad Name: header name contains characters/),
    ]);
    expect(await issues({ headers: { 'X-Evil': 'a\r\nInjected: 1' } })).toEqual([
      expect.stringMatching(/^headers\.X-Evil: value contains CR or LF/),
    ]);
    // The names a scheme writes obey the same rules, and the signature cannot share the event's header.
    expect(
      await issues({
        scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'Content-Length', eventHeader: 'Host' },
      }),
    ).toEqual([
      expect.stringMatching(/^scheme\.signatureHeader: content-length cannot be set/),
      expect.stringMatching(/^scheme\.eventHeader: host cannot be set/),
    ]);
    expect(await issues({ scheme: { scheme: 'token-hash', tokenHashHeader: 'Transfer-Encoding' } })).toEqual([
      expect.stringMatching(/^scheme\.tokenHashHeader: transfer-encoding cannot be set/),
    ]);
    expect(
      await issues({ scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'X-Sig', eventHeader: 'x-sig' } }),
    ).toEqual([
      expect.stringMatching(/^scheme\.eventHeader: is the same header as the signature header \(X-Sig\)/),
    ]);
    // The defaults count too, and the error names the field that was sent.
    expect(
      await issues({ scheme: { scheme: 'hmac-sha256-hex', eventHeader: 'X-Taskhooks-Signature' } }),
    ).toEqual([
      expect.stringMatching(
        /^scheme\.eventHeader: is the same header as the signature header \(.+, the default\)/i,
      ),
    ]);
    expect(
      await issues({ scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'X-Taskhooks-Event' } }),
    ).toEqual([
      expect.stringMatching(
        /^scheme\.signatureHeader: is the same header as the event header \(.+, the default\)/i,
      ),
    ]);
    expect(await issues({ timeoutMs: 6000 })).toEqual([expect.stringMatching(/^timeoutMs: at most 5000/)]);
    expect(await issues({ method: 'GET' })).toEqual([expect.stringMatching(/^method:/)]);
    expect(await issues({ retry: { custom: { maxAttempts: 3, delaysMs: [] } } })).toEqual([
      expect.stringMatching(/^retry\.custom\.delaysMs: at least one delay/),
    ]);
    expect(await issues({ scheme: { scheme: 'header-auth' } })).toEqual([
      expect.stringMatching(/^headers: header-auth/),
    ]);
    expect((await h.store.listEndpoints('fam')).length).toBe(0);

    // A public address passes in production; the preset timeout is capped at the maximum.
    const ok = await attempt({
      retry: { preset: 'seed-003' },
      method: 'PUT',
      scheme: { scheme: 'token-hash' },
    });
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({
      endpoint: { method: 'PUT', timeoutMs: 5000, retryPolicy: { preset: 'seed-003' } },
    });
    expect((ok.data as { secret: string }).secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('updates, re-seals headers, disables, sends nothing when disabled and deletes', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const created = await h.call<Created>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/a'),
      model: 'plan_bound_v2',
      scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'X-OpenTask-Signature' },
      retry: { preset: 'seed-003' },
    });
    const id = created.data.endpoint.id;
    const updated = await h.call('endpoints.update', {
      endpointId: id,
      url: h.receiver.url('/b'),
      events: ['plan.failed'],
      headers: { 'X-Token': 'tok-123456' },
      enabled: false,
    });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({
      url: h.receiver.url('/b'),
      events: ['plan.failed'],
      headerNames: ['X-Token'],
      enabled: false,
      disabledReason: 'disabled through the API',
      secretHint: created.data.endpoint.secretHint,
    });
    const refused = await h.call('endpoints.sendTest', { endpointId: id });
    expect(refused.status).toBe(409);
    expect((await h.call('endpoints.update', { endpointId: id, events: ['task.created'] })).status).toBe(400);

    await h.call('endpoints.update', { endpointId: id, enabled: true });
    const sent = await h.call<{ event: string }>('endpoints.sendTest', { endpointId: id });
    expect(sent.data.event).toBe('plan.failed');
    const request = await waitFor(() => h!.receiver.requests[0], 'delivery to the new URL');
    expect(request.path).toBe('/b');
    expect(request.headers['x-token']).toBe('tok-123456');
    await expect(
      verifyRequest({
        scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'X-OpenTask-Signature' },
        headers: request.headers,
        body: request.body,
        secrets: [created.data.secret!],
      }),
    ).resolves.toBeTruthy();

    expect((await h.call('endpoints.delete', { endpointId: id })).status).toBe(200);
    expect((await h.call('endpoints.get', { endpointId: id })).status).toBe(404);
    expect((await h.call('endpoints.delete', { endpointId: id })).status).toBe(404);
  });

  it("switching to a retry preset brings the preset's timeout, unless the same call sets one", async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    type View = { timeoutMs: number; retry: Record<string, unknown> };
    const created = await h.call<Created & { endpoint: View }>('endpoints.create', {
      tenantId: 'fam',
      url: h.receiver.url('/a'),
      model: 'plan_bound_v2',
    });
    expect(created.data.endpoint.timeoutMs).toBe(10_000);
    const endpointId = created.data.endpoint.id;
    const update = async (patch: Record<string, unknown>) =>
      (await h!.call<View>('endpoints.update', { endpointId, ...patch })).data;
    // Seed 002's preset is a 3 s timeout as much as its schedule.
    expect(await update({ retry: { preset: 'seed-002' } })).toMatchObject({ timeoutMs: 3_000 });
    expect(await update({ retry: { preset: 'seed-003' } })).toMatchObject({ timeoutMs: 10_000 });
    expect(await update({ retry: { preset: 'seed-002' }, timeoutMs: 5_000 })).toMatchObject({
      timeoutMs: 5_000,
    });
    // Naming the current preset again changes nothing: the timeout set through the API stays.
    expect(await update({ retry: { preset: 'seed-002' } })).toMatchObject({ timeoutMs: 5_000 });
    const custom = { maxAttempts: 2, delaysMs: [1_000], jitter: 0 };
    expect(await update({ retry: { custom } })).toMatchObject({ timeoutMs: 5_000 });
    expect(await update({ description: 'unrelated' })).toMatchObject({ timeoutMs: 5_000 });
    const stored = await h.call<View>('endpoints.get', { endpointId });
    expect(stored.data.timeoutMs).toBe(5_000);
  });

  it('each test send is a new event: a fresh payload id where the model has one (seed 002 dedupes on it)', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'ext', name: 'Extension' });
    const created = await h.call<Created>('endpoints.create', {
      tenantId: 'ext',
      url: h.receiver.url('/ext'),
      model: 'extension_v1',
      scheme: { scheme: 'token-hash' },
      retry: { preset: 'seed-002' },
    });
    const endpointId = created.data.endpoint.id;
    expect((await h.call('endpoints.sendTest', { endpointId })).status).toBe(200);
    expect((await h.call('endpoints.sendTest', { endpointId })).status).toBe(200);
    await waitFor(() => h!.receiver.requests.length >= 2 && h!.receiver.requests, 'both test deliveries');
    const ids = h.receiver.requests.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(new Set(ids).size).toBe(2);
    const exampleId = '9a3f2c1e-7b4d-4e8f-a6c5-'; // the contract examples' fixed prefix
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(id.startsWith(exampleId)).toBe(false);
    }
  });

  it('a test send to a plan_bound_v3 endpoint names the endpoint tenant, not the example one', async () => {
    h = await startApiHarness(backend);
    await h.call('tenants.create', { id: 'fam-v3', name: 'Family' });
    const created = await h.call<Created>('endpoints.create', {
      tenantId: 'fam-v3',
      url: h.receiver.url('/v3'),
      model: 'plan_bound_v3',
    });
    expect((await h.call('endpoints.sendTest', { endpointId: created.data.endpoint.id })).status).toBe(200);
    const request = await waitFor(() => h!.receiver.requests[0], 'the test delivery');
    expect((JSON.parse(request.body) as { tenant_id: string }).tenant_id).toBe('fam-v3');
  });
});
