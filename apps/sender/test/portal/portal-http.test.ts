import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deprecationOf } from '@taskhooks/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type ApiHarness, startApiHarness } from '../../src/api/testing/api-harness.js';
import { insertFinishedDeliveries } from './support/delivery-history.js';

let h: ApiHarness;
let docsDir: string;
let clockOffset = 0;
let tenantKey: string;
let otherTenantEndpoint: string;

const open = (url: string, init: RequestInit = {}) => fetch(url, { redirect: 'manual', ...init });

async function createLink(tenantId: string, key = ADMIN_KEY, ttlSeconds?: number) {
  const result = await h.call<{ url: string; expiresAt: number }>(
    'portal.createLink',
    { tenantId, ...(ttlSeconds ? { ttlSeconds } : {}) },
    key,
  );
  expect(result.status, JSON.stringify(result.error)).toBe(200);
  return result.data;
}

/** Opens a fresh link and returns the session token the page received. */
async function session(tenantId = 'family-portal'): Promise<string> {
  const page = await (await open((await createLink(tenantId)).url)).text();
  const token = /name="taskhooks-portal-session" content="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no session in the page');
  return token;
}

function portalCall(
  operation: string,
  input: unknown,
  token: string | null,
  headers: Record<string, string> = {},
) {
  return fetch(`${h.url}/portal/api/${operation}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(input),
  });
}

beforeAll(async () => {
  docsDir = mkdtempSync(join(tmpdir(), 'th-portal-docs-'));
  mkdirSync(join(docsDir, 'guides'));
  writeFileSync(join(docsDir, 'index.html'), '<title>Webhook reference</title>');
  writeFileSync(join(docsDir, 'guides', 'retries.html'), '<h1>Retries</h1>');
  h = await startApiHarness('sqlite', {
    env: { TASKHOOKS_DOCS_DIR: docsDir },
    now: () => Date.now() + clockOffset,
  });
  for (const id of ['family-portal', 'family-other'])
    expect((await h.call('tenants.create', { id, name: `Family ${id}` })).status).toBe(200);
  tenantKey = (await h.call<{ key: string }>('apiKeys.create', { tenantId: 'family-portal', name: 'app' }))
    .data.key;
  const other = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
    tenantId: 'family-other',
    url: h.receiver.url('/other'),
    model: 'plan_bound_v2',
  });
  otherTenantEndpoint = other.data.endpoint.id;
}, 60_000);

afterAll(async () => {
  await h?.close();
  rmSync(docsDir, { recursive: true, force: true });
});

describe('portal.createLink', () => {
  it('gives an admin key or the tenant’s own key a link, and refuses another tenant’s key', async () => {
    const link = await createLink('family-portal', tenantKey, 120);
    expect(link.url.startsWith(`${h.url}/portal/open?token=`)).toBe(true);
    expect(link.expiresAt - Date.now()).toBeGreaterThan(110_000);
    expect(link.expiresAt - Date.now()).toBeLessThanOrEqual(120_000);
    const foreign = await h.call('portal.createLink', { tenantId: 'family-other' }, tenantKey);
    expect(foreign.status).toBe(403);
    expect((await h.call('portal.createLink', { tenantId: 'nobody' })).status).toBe(404);
    expect((await h.call('portal.createLink', { tenantId: 'family-portal', ttlSeconds: 10 })).status).toBe(
      400,
    );
  });

  it('is served as REST too (POST /api/portal-links → 201)', async () => {
    const response = await fetch(`${h.url}/api/portal-links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenantKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { url: string }).url).toContain('/portal/open?token=');
  });

  it('is what SenderApp.createPortalLink returns', async () => {
    const url = h.app.createPortalLink({ tenantId: 'family-portal', ttlSeconds: 60 });
    expect((await open(url)).status).toBe(200);
  });
});

describe('opening a magic link', () => {
  it('answers the portal page, frameable, with the session handed over once', async () => {
    const { url } = await createLink('family-portal');
    const response = await open(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
    const page = await response.text();
    expect(page).toContain('Family family-portal');
    expect(page).toMatch(/name="taskhooks-portal-session" content="pt1\./);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script: the CSP would block it anyway

    const again = await open(url);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('This link was already used');
  });

  it('refuses a tampered link with 403 and an expired one with 401, each with a page saying so', async () => {
    const { url } = await createLink('family-portal');
    const tamperedMac = url.replace(
      /\.([A-Za-z0-9_-])([A-Za-z0-9_-]*)$/,
      (_all, first: string, rest: string) => `.${first === 'A' ? 'B' : 'A'}${rest}`,
    );
    expect(tamperedMac).not.toBe(url);
    expect((await open(tamperedMac)).status).toBe(403);
    const tampered = url.replace('/open?token=pt1.', '/open?token=pt1.e');
    const refused = await open(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('This link is not valid');
    expect((await open(`${h.url}/portal/open`)).status).toBe(401);

    const short = await createLink('family-portal', ADMIN_KEY, 30);
    clockOffset = 31_000;
    try {
      const expired = await open(short.url);
      expect(expired.status).toBe(401);
      expect(await expired.text()).toContain('This link has expired');
    } finally {
      clockOffset = 0;
    }
  });

  it('does not spend the link on HEAD (link previews)', async () => {
    const { url } = await createLink('family-portal');
    expect((await open(url, { method: 'HEAD' })).status).toBe(200);
    expect((await open(url)).status).toBe(200);
  });
});

describe('the portal API', () => {
  it('acts on the session’s tenant only', async () => {
    const token = await session();
    const overview = await portalCall('overview', { tenantId: 'family-other' }, token);
    expect(overview.status).toBe(200);
    const body = (await overview.json()) as { tenant: { id: string }; endpoints: unknown[] };
    expect(body.tenant.id).toBe('family-portal');
    expect(body.endpoints).toEqual([]);
    const foreign = await portalCall('endpoints.get', { endpointId: otherTenantEndpoint }, token);
    expect(foreign.status).toBe(404);
    const created = await portalCall(
      'endpoints.create',
      { tenantId: 'family-other', url: h.receiver.url('/mine'), model: 'plan_bound_v2' },
      token,
    );
    expect(created.status).toBe(200);
    expect(((await created.json()) as { endpoint: { tenantId: string } }).endpoint.tenantId).toBe(
      'family-portal',
    );
  });

  it('offers only the endpoint owner’s operations', async () => {
    const token = await session();
    for (const operation of [
      'apiKeys.create',
      'tenants.setEntitlement',
      'events.publish',
      'portal.createLink',
    ]) {
      const response = await portalCall(operation, { tenantId: 'family-portal', name: 'x' }, token);
      expect(response.status, operation).toBe(404);
    }
    expect(
      (await h.call<{ items: unknown[] }>('apiKeys.list', { tenantId: 'family-portal' })).data.items,
    ).toHaveLength(1);
  });

  it('needs the session as a Bearer token, from the portal’s own origin, by POST', async () => {
    const token = await session();
    expect((await portalCall('overview', {}, null)).status).toBe(401);
    expect((await portalCall('overview', {}, `${token}x`)).status).toBe(401);
    const crossSite = await portalCall('overview', {}, token, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await portalCall('overview', {}, token, { origin: h.url });
    expect(sameOrigin.status).toBe(200);
    const fetchSite = await portalCall('overview', {}, token, { 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    const get = await fetch(`${h.url}/portal/api/overview`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(get.status).toBe(405);
    const form = await fetch(`${h.url}/portal/api/endpoints.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'url=http://127.0.0.1:1/x&model=plan_bound_v2',
    });
    expect(form.status).toBe(415);
  });

  it('rates each endpoint over its newest 1,000 deliveries, not its whole retained history', async () => {
    expect((await h.call('tenants.create', { id: 'family-rates', name: 'Rates' })).status).toBe(200);
    const created = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
      tenantId: 'family-rates',
      url: h.receiver.url('/rates'),
      model: 'plan_bound_v2',
    });
    const endpointId = created.data.endpoint.id;
    // The 300 oldest of 1,200 failed: the whole history would rate 75 %, the newest 1,000 rate 90 %.
    insertFinishedDeliveries(
      h.sqlitePath!,
      { tenantId: 'family-rates', endpointId },
      { failed: 300, succeeded: 900 },
    );
    const overview = await portalCall('overview', {}, await session('family-rates'));
    const body = (await overview.json()) as { endpoints: { id: string; stats: Record<string, unknown> }[] };
    expect(body.endpoints.find((e) => e.id === endpointId)?.stats).toEqual({
      succeeded: 900,
      failed: 100,
      pending: 0,
      rate: 0.9,
      counted: 1000,
      window: 1000,
    });
  });

  it('reports the server’s validation of auth headers by header name', async () => {
    const token = await session();
    const response = await portalCall(
      'endpoints.create',
      { url: h.receiver.url('/h'), model: 'plan_bound_v2', headers: { 'webhook-signature': 'x' } },
      token,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues[0]?.path).toBe('headers.webhook-signature');
  });

  it('ends the links and sessions of a revoked key at once; other keys’ sessions go on', async () => {
    const made = await h.call<{ key: string; apiKey: { id: string } }>('apiKeys.create', {
      tenantId: 'family-portal',
      name: 'to revoke',
    });
    const opened = await (await open((await createLink('family-portal', made.data.key)).url)).text();
    const doomed = /name="taskhooks-portal-session" content="([^"]+)"/.exec(opened)?.[1];
    const unopened = await createLink('family-portal', made.data.key);
    const survivor = await session();
    expect((await portalCall('overview', {}, doomed!)).status).toBe(200);

    expect((await h.call('apiKeys.revoke', { keyId: made.data.apiKey.id })).status).toBe(200);
    const refusedCall = await portalCall(
      'endpoints.create',
      { url: h.receiver.url('/x'), model: 'plan_bound_v2' },
      doomed!,
    );
    expect(refusedCall.status).toBe(401);
    const page = await open(unopened.url);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This link was withdrawn');
    expect((await portalCall('overview', {}, survivor)).status).toBe(200);
  });

  it('sends nosniff and no-referrer on every portal answer: JSON, redirects and refusals', async () => {
    const answers = [
      await open(`${h.url}/portal`),
      await fetch(`${h.url}/portal/x`, { method: 'PUT' }),
      await portalCall('overview', {}, null),
      await portalCall('overview', {}, await session()),
    ];
    expect(answers.map((a) => a.status)).toEqual([301, 405, 401, 200]);
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('accepts portal calls from TASKHOOKS_PUBLIC_URL behind a proxy that rewrites Host', async () => {
    const proxied = await startApiHarness('sqlite', {
      env: { TASKHOOKS_PUBLIC_URL: 'https://hooks.example.com' },
    });
    try {
      expect((await proxied.call('tenants.create', { id: 'fam', name: 'Fam' })).status).toBe(200);
      const link = await proxied.call<{ url: string }>('portal.createLink', { tenantId: 'fam' });
      expect(link.data.url).toMatch(/^https:\/\/hooks\.example\.com\/portal\/open\?/);
      // The proxy forwards to the upstream address, as nginx's proxy_pass does by default.
      const upstream = link.data.url.replace('https://hooks.example.com', proxied.url);
      const page = await (await open(upstream)).text();
      const token = /name="taskhooks-portal-session" content="([^"]+)"/.exec(page)?.[1];
      const call = (origin: string) =>
        fetch(`${proxied.url}/portal/api/overview`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin },
          body: '{}',
        });
      expect((await call('https://hooks.example.com')).status).toBe(200);
      expect((await call('http://hooks.example.com')).status).toBe(403);
      expect((await call('https://evil.example')).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });

  it('ends with the session', async () => {
    const token = await session();
    clockOffset = 61 * 60_000;
    try {
      const response = await portalCall('overview', {}, token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('session_expired');
    } finally {
      clockOffset = 0;
    }
  });

  it('serves the catalog with each event’s schema and example on demand', async () => {
    const token = await session();
    const catalog = (await (await portalCall('catalog', {}, token)).json()) as {
      models: { id: string; deprecated: string | null; events: { name: string; description: string }[] }[];
    };
    const v2 = catalog.models.find((m) => m.id === 'plan_bound_v2');
    expect(v2?.events.map((e) => e.name)).toContain('plan.failed');
    // Deprecated by the model lifecycle (its successor v3), as the docs say; v3 is current.
    expect(v2?.deprecated).toBe(deprecationOf('plan_bound_v2')?.deprecatedSince);
    expect(v2?.deprecated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.models.find((m) => m.id === 'plan_bound_v3')?.deprecated).toBeNull();
    expect(v2?.events.every((e) => e.description.length > 10)).toBe(true);
    const detail = (await (
      await portalCall('catalog.event', { model: 'plan_bound_v2', event: 'plan.failed' }, token)
    ).json()) as { schema: { $id: string }; example: { event: string } };
    expect(detail.schema.$id).toContain('plan_bound_v2/plan.failed');
    expect(detail.example.event).toBe('plan.failed');
  });
});

describe('pages and docs', () => {
  it('serves the assets locally and the docs site from TASKHOOKS_DOCS_DIR', async () => {
    const css = await fetch(`${h.url}/portal/assets/css/base.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${h.url}/portal/assets/js/main.js`)).headers.get('content-type')).toContain(
      'javascript',
    );
    expect(await (await fetch(`${h.url}/docs/`)).text()).toContain('Webhook reference');
    expect((await open(`${h.url}/docs`)).headers.get('location')).toBe('/docs/');
    expect(await (await fetch(`${h.url}/docs/guides/retries.html`)).text()).toContain('Retries');
    const reload = await fetch(`${h.url}/portal/`);
    expect(reload.status).toBe(200);
    expect(await reload.text()).not.toContain('taskhooks-portal-session');
  });
});
