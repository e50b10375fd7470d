import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { verifyRequest } from '@taskhooks/signatures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, waitFor } from '../../src/api/testing/api-harness.js';
import { type Browser, CHROMIUM_PATH, hasChromium, launchBrowser } from './support/browser.js';
import { insertFinishedDeliveries } from './support/delivery-history.js';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'portal');
const TENANT = 'family-kovacs';
const AUTH = 'Bearer family-token-7f3a';

if (!hasChromium) {
  console.warn(
    `portal browser test SKIPPED: ${CHROMIUM_PATH} is missing. Install it with apps/docs/scripts/ensure-chromium.sh (apt-get install chromium).`,
  );
}

describe.skipIf(!hasChromium)('the endpoint portal in a real browser', () => {
  let h: ApiHarness;
  let browser: Browser;
  let page: Page;
  let clockOffset = 0;
  const problems: string[] = [];
  let firstSecret = '';

  const link = async (ttlSeconds?: number) => {
    const result = await h.call<{ url: string }>('portal.createLink', {
      tenantId: TENANT,
      ...(ttlSeconds ? { ttlSeconds } : {}),
    });
    expect(result.status, JSON.stringify(result.error)).toBe(200);
    return result.data.url;
  };
  // Full-page shots stretch the viewport, which would strand the bottom toast mid-page: dismiss it
  // first. (Playwright's `style` option would inject a <style> tag, which the portal's CSP blocks.)
  const shot = async (name: string, fullPage = true) => {
    if (fullPage) await page.evaluate(() => document.getElementById('status')?.replaceChildren());
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
  };
  const watch = (p: Page) => {
    p.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    p.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    h = await startApiHarness('sqlite', {
      now: () => Date.now() + clockOffset,
      receiver: (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}'),
    });
    expect((await h.call('tenants.create', { id: TENANT, name: 'The Kovács family' })).status).toBe(200);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    watch(page);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('opens a magic link into the portal and takes the token out of the address bar', async () => {
    const response = await page.goto(await link());
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Webhook endpoints');
    await page.getByRole('heading', { name: 'No webhook yet' }).waitFor();
    expect(page.url()).toBe(`${h.url}/portal/#/`.replace('#/', '') + (page.url().endsWith('#/') ? '#/' : ''));
    expect(page.url()).not.toContain('token=');
    await expect(page.locator('#tenant-name').textContent()).resolves.toBe('The Kovács family');
    await shot('01-empty-state');
  });

  it('explains what is wrong with the auth headers JSON, naming the key', async () => {
    await page.getByRole('link', { name: 'Set up a webhook' }).click();
    await page.getByRole('heading', { name: 'Set up a webhook' }).waitFor();
    await page.getByLabel('Target URL').fill(h.receiver.url('/family-hook'));
    // Keyboard only: Tab reaches the method, arrow keys choose it (native radios under the styling).
    await page.getByLabel('Target URL').press('Tab');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#method-PUT').isChecked()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#method-POST').isChecked()).toBe(true);
    const headers = page.getByLabel('Auth headers (JSON, optional)');
    await headers.fill('{"Authorization": 42}');
    await headers.blur();
    await expect(page.locator('#headers-error').textContent()).resolves.toContain(
      'The value of "Authorization" must be text',
    );
    await expect(headers.getAttribute('aria-invalid')).resolves.toBe('true');
    await headers.fill('{"Authorization": "Bearer x",}');
    await page.getByRole('button', { name: 'Save webhook' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary.textContent()).resolves.toContain('Auth headers must be valid JSON');
    // The summary takes focus so keyboard and screen-reader users hear what to fix.
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('error-summary');
    await shot('02-form-header-json-error');
  });

  it('creates the family webhook through the form (enable, URL, method, auth headers, events)', async () => {
    await page.getByLabel('Auth headers (JSON, optional)').fill(JSON.stringify({ Authorization: AUTH }));
    await page.locator('label:has(#method-PATCH)').click();
    await page.locator('label:has(#method-POST)').click();
    expect(await page.getByLabel('Enable the webhook').isChecked()).toBe(true);
    await page.getByLabel('Name (optional)').fill('Home automation');
    // The event picker: the model's events with their descriptions; schema and example on demand.
    const failed = page.locator('.event-row[data-event="plan.failed"]');
    await expect(failed.locator('.event-desc').textContent()).resolves.toMatch(/without success/);
    await failed.getByText('Schema and example').click();
    await failed
      .locator('pre[aria-label^="Example payload"]', { hasText: '"event": "plan.failed"' })
      .waitFor();
    await expect(failed.locator('pre[aria-label^="JSON Schema"]').textContent()).resolves.toContain(
      '"$schema"',
    );
    await shot('03-form-event-picker');
    await failed.getByText('Schema and example').click();

    await page.getByRole('button', { name: 'Save webhook' }).click();
    const secretPanel = page.getByTestId('secret-once');
    await secretPanel.waitFor();
    firstSecret = (await page.locator('#secret-value').textContent()) ?? '';
    expect(firstSecret).toMatch(/^whsec_/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Home automation');
    await shot('04-secret-shown-once');
    const endpoints = await h.call<{ items: { url: string; method: string; headerNames: string[] }[] }>(
      'endpoints.list',
      { tenantId: TENANT },
    );
    expect(endpoints.data.items).toMatchObject([
      { url: h.receiver.url('/family-hook'), method: 'POST', headerNames: ['Authorization'] },
    ]);
  });

  it('sends a test event and shows the attempt with status 200, request and response', async () => {
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByLabel('Event', { exact: true }).selectOption('plan.failed');
    await page.getByRole('button', { name: 'Send test event' }).click();
    const row = page.locator('tr[data-status="succeeded"]').first();
    await row.waitFor({ timeout: 20_000 });
    await expect(row.locator('td[data-col="http"]').textContent()).resolves.toBe('200');
    await expect(row.locator('td[data-col="event"]').textContent()).resolves.toBe('plan.failed');
    await row.getByRole('button', { name: 'Details' }).click();
    const attempt = page.locator('article.attempt[data-attempt="1"]');
    await attempt.waitFor();
    await expect(attempt.getByTestId('response-body').textContent()).resolves.toBe(
      'HTTP 200\n\n{"received":true}',
    );
    await expect(attempt.locator('pre[aria-label="Request headers"]').textContent()).resolves.toMatch(
      /authorization: \[redacted\]/i,
    );
    await expect(attempt.locator('pre[aria-label="Request body"]').textContent()).resolves.toContain(
      '"event": "plan.failed"',
    );
    // What the receiver got is signed with the secret the page showed once.
    const request = await waitFor(
      () => h.receiver.requests.find((r) => r.path === '/family-hook'),
      'the test request',
    );
    expect(request.headers.authorization).toBe(AUTH);
    await verifyRequest({
      scheme: { scheme: 'standard-webhooks' },
      headers: request.headers,
      body: request.body,
      secrets: [firstSecret],
    });
    await shot('05-attempt-log');
  });

  it('redelivers one delivery and recovers failed ones since a time', async () => {
    await page.getByRole('button', { name: 'Redeliver' }).click();
    await page.locator('#status', { hasText: 'queued again' }).waitFor();
    await page
      .locator('tr[data-status="succeeded"] td[data-col="attempts"]', { hasText: '2 attempts' })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Recover' }).click();
    await page.locator('#status', { hasText: 'No failed deliveries since' }).waitFor();
  });

  it('rotates the secret and shows the new one exactly once', async () => {
    const hintBefore = await page.getByTestId('secret-hint').textContent();
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('button', { name: 'Rotate now' }).click();
    await page.getByRole('heading', { name: 'Your new signing secret' }).waitFor();
    const rotated = (await page.locator('#secret-value').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(firstSecret);
    await expect(page.getByTestId('secret-hint').textContent()).resolves.not.toBe(hintBefore);
    await expect(page.locator('.secret-once').textContent()).resolves.toContain(
      'previous secret keeps signing',
    );
    await shot('06-secret-rotated');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect(page.locator('#secret-value').count()).resolves.toBe(0);
    // Leaving and coming back (or reloading) never shows it again.
    await page.reload();
    await page.locator('h1', { hasText: 'Home automation' }).waitFor();
    await expect(page.getByTestId('secret-once').count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain(rotated);
  });

  it('lists endpoints with their state (enabled, failing, disabled by the circuit breaker) and success rate', async () => {
    // Two more endpoints, put by the store into the states a worker's health tracking leaves them in.
    const since = Date.now() - 6 * 24 * 3_600_000;
    const flakyId: string[] = [];
    for (const [path, patch] of [
      ['/flaky', { failingSince: since }],
      [
        '/gone',
        {
          enabled: false,
          failingSince: since,
          disabledReason: 'every attempt failed since then; last error: HTTP 503',
        },
      ],
    ] as const) {
      const created = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
        tenantId: TENANT,
        url: h.receiver.url(path),
        model: 'plan_bound_v2',
        events: ['plan.*'],
      });
      await h.store.updateEndpoint(created.data.endpoint.id, patch, Date.now());
      if (path === '/flaky') flakyId.push(created.data.endpoint.id);
    }
    // The flaky one's history: its rate reads only the newest 1,000 (900 succeeded, 100 failed).
    insertFinishedDeliveries(
      h.sqlitePath!,
      { tenantId: TENANT, endpointId: flakyId[0]! },
      { failed: 300, succeeded: 900 },
    );
    await page.getByRole('link', { name: '← All endpoints' }).click();
    const items = page.locator('.endpoint-item');
    await items.nth(2).waitFor();
    await expect(items.nth(0).locator('.badge').textContent()).resolves.toBe('Enabled');
    await expect(items.nth(0).locator('.rate').textContent()).resolves.toBe('100% delivered (1 of 1)');
    await expect(items.nth(1).locator('.badge').textContent()).resolves.toBe('Failing');
    await expect(items.nth(1).locator('.rate').textContent()).resolves.toBe(
      '90% delivered (900 of 1,000) · last 1,000 deliveries',
    );
    await expect(items.nth(2).locator('.badge').textContent()).resolves.toBe('Disabled by circuit breaker');
    await expect(items.nth(2).locator('.endpoint-meta').textContent()).resolves.toContain('4 events: plan.*');
    await shot('07-endpoint-list', false);
  });

  it('is readable at phone width (375 px)', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await page.locator('.endpoint-item').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('08-phone-list');
    await page.locator('.endpoint-item a').first().click();
    await page.locator('tr[data-status="succeeded"]').first().waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await shot('09-phone-endpoint');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('works embedded in another site’s iframe (no cookies needed)', async () => {
    const portalLink = await link();
    const host = http.createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><title>Family app</title><body style="margin:0;font-family:sans-serif;background:#eef1f4"><header style="padding:14px 20px;background:#1f2328;color:#fff">Family app · Settings › Advanced</header><iframe src="${portalLink}" title="Webhook settings" style="border:0;width:100%;height:760px"></iframe></body>`,
        ),
    );
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const hostPage = await browser.context.newPage();
      watch(hostPage);
      await hostPage.goto(`http://localhost:${(host.address() as AddressInfo).port}/`);
      const frame = hostPage.frameLocator('iframe');
      await frame.locator('.endpoint-item .badge', { hasText: 'Enabled' }).waitFor();
      await hostPage.screenshot({ path: join(SCREENSHOTS, '10-embedded-iframe.png') });
      await hostPage.close();
    } finally {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });

  it('saving an endpoint whose schedule was set through the API keeps the schedule and its timeout', async () => {
    const created = await h.call<{ endpoint: { id: string } }>('endpoints.create', {
      tenantId: TENANT,
      url: h.receiver.url('/custom'),
      model: 'plan_bound_v2',
      description: 'Custom schedule',
      retry: { custom: { maxAttempts: 2, delaysMs: [60_000], jitter: 0 } },
      timeoutMs: 5_000,
    });
    expect(created.status).toBe(200);
    const endpointId = created.data.endpoint.id;
    await page.goto(await link());
    await page.evaluate(
      (hash) => {
        location.hash = hash;
      },
      `#/endpoints/${encodeURIComponent(endpointId)}/edit`,
    );
    const retries = page.getByLabel('Retries');
    await expect(retries.inputValue()).resolves.toBe('');
    await page.getByLabel('Name (optional)').fill('Custom schedule, renamed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('h1', { hasText: 'Custom schedule, renamed' }).waitFor();
    const stored = await h.call<{
      timeoutMs: number;
      retryPolicy: { maxAttempts: number; delaysMs: number[] };
    }>('endpoints.get', { endpointId });
    expect(stored.data).toMatchObject({
      timeoutMs: 5_000,
      retryPolicy: { maxAttempts: 2, delaysMs: [60_000] },
    });
  });

  it('refuses a tampered link and an expired link with a clear page', async () => {
    const tampered = (await link()).replace('token=pt1.', 'token=pt1.x');
    const refusedPage = await browser.context.newPage();
    const response = await refusedPage.goto(tampered);
    expect(response?.status()).toBe(403);
    await refusedPage.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await refusedPage.screenshot({ path: join(SCREENSHOTS, '11-link-refused.png') });

    const short = await link(30);
    clockOffset = 31_000;
    try {
      const expired = await refusedPage.goto(short);
      expect(expired?.status()).toBe(401);
      await refusedPage.getByRole('heading', { name: 'This link has expired' }).waitFor();
      await refusedPage.screenshot({ path: join(SCREENSHOTS, '12-link-expired.png') });
    } finally {
      clockOffset = 0;
      await refusedPage.close();
    }
  });

  it('loaded nothing from off the machine and logged no page or CSP errors', () => {
    expect(browser.blockedRequests).toEqual([]);
    // The refused links answer 401/403 on purpose; the browser logs those loads, nothing else may show.
    expect(problems.filter((p) => !/status of 40[13]/.test(p))).toEqual([]);
  });
});
