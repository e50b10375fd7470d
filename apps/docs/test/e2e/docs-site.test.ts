import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventMetadata, getEventSchema, isModelId } from '@taskhooks/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build-site.js';
import { type RunningServer, startStaticServer } from '../../src/server/static-server.js';
import { type Browser, launchBrowser } from './browser.js';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'e2e');
const hasV3 = isModelId('plan_bound_v3');
if (!hasV3)
  console.warn('docs e2e: plan_bound_v3 is not registered yet, so the v3 changes-link step is skipped.');

let outDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'taskhooks-docs-e2e-'));
  buildSite({ outDir });
  server = await startStaticServer({ root: outDir, port: 0 });
  mkdirSync(screenshots, { recursive: true });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const shot = (name: string, fullPage = false) =>
  page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });

describe('docs site in a real browser', () => {
  it('opens the index with every model and its events', async () => {
    await page.goto(server.url);
    await expect(page.title()).resolves.toContain('Webhook reference');
    expect(await page.locator('a.card').count()).toBeGreaterThanOrEqual(4);
    await expect(page.locator('a.card[data-model="plan_bound_v2"]').textContent()).resolves.toContain(
      'Plan-bound events v2',
    );
    await shot('01-index');
  });

  it('navigates to plan.failed v2 and shows its field table and validated example', async () => {
    await page.locator('a.card[data-model="plan_bound_v2"]').click();
    await page.waitForURL(/models\/plan_bound_v2\/(index\.html)?$/);
    await page.locator('table.events a', { hasText: 'plan.failed' }).click();
    await page.waitForURL(/models\/plan_bound_v2\/plan\.failed\.html$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('plan.failed');

    const total = page.locator('tr[data-path="summary.required_total"] td');
    await expect(total.allTextContents()).resolves.toEqual([
      'summary.required_total',
      expect.stringMatching(/^integer/),
      'yes',
      'no',
      'How many required tasks the plan has.',
      '',
    ]);
    const currency = page.locator('tr[data-path="tasks[].reward_currency"]');
    await expect(currency.locator('.chip').allTextContents()).resolves.toEqual(['star', 'diamond']);

    const shown = JSON.parse((await page.locator('#example pre').textContent()) ?? '');
    expect(shown).toEqual(eventMetadata(getEventSchema('plan_bound_v2', 'plan.failed')).examples[0]);
    await shot('02-plan-failed-v2');
    await page.locator('tr[data-path="tasks[].reward_currency"]').scrollIntoViewIfNeeded();
    await shot('03-plan-failed-v2-fields');
  });

  it('searches offline across events and fields', async () => {
    const input = page.locator('#search-input');
    await expect(input.isVisible()).resolves.toBe(true);
    await input.fill('reward_currency');
    const hits = page.locator('#search-results a.search-hit');
    await hits.first().waitFor();
    const titles = await hits.locator('.search-title').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t.includes('reward_currency'))).toBe(true);
    await shot('04-search-field');

    await input.fill('submission.rejected');
    await page
      .locator('#search-results a.search-hit .search-title', { hasText: /^submission\.rejected$/ })
      .first()
      .waitFor();
    await input.press('Enter');
    await page.waitForURL(/models\/plan_bound_v\d\/submission\.rejected\.html$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('submission.rejected');

    await page.locator('#search-input').fill('zzzz-no-such-field');
    await expect(page.locator('#search-results .search-empty').textContent()).resolves.toContain(
      'No events or fields match',
    );
  });

  it.skipIf(!hasV3)('follows the link from plan.failed v2 to the changes in v3', async () => {
    await page.goto(new URL('models/plan_bound_v2/plan.failed.html', server.url).href);
    await page.locator('a.changes-link').click();
    await page.waitForURL(/models\/plan_bound_v3\/plan\.failed\.html#changes$/);
    const section = page.locator('section.changes');
    await expect(section.locator('h2').textContent()).resolves.toBe('Changes from plan_bound_v2');
    expect(await section.locator('tbody tr').count()).toBeGreaterThan(0);
    await expect(section.locator('tr[data-path="model"] .badge').first().textContent()).resolves.toBe(
      'changed',
    );
    await shot('05-plan-failed-v3-changes');
  });

  it('renders guides with the retry table and snippets', async () => {
    await page.goto(new URL('guides/retries.html', server.url).href);
    expect(await page.locator('table.presets tbody tr').count()).toBeGreaterThanOrEqual(4);
    await shot('06-retries');
    await page.goto(new URL('guides/delivery-standard-webhooks.html', server.url).href);
    await expect(page.locator('figure.code').count()).resolves.toBeGreaterThanOrEqual(4);
    await shot('07-delivery-standard-webhooks');
    await page.goto(new URL('guides/automation.html', server.url).href);
    await expect(page.locator('#overview tr[data-tool="home-assistant"]').textContent()).resolves.toContain(
      'trigger.json.summary.score_pct',
    );
    await shot('08-automation');
  });

  it('sent no request beyond the local server and threw no script error', () => {
    expect(browser.blockedRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('docs site without JavaScript', () => {
  it('still shows navigation, tables and examples; only search is hidden', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const plain = await noJs.context.newPage();
      await plain.goto(new URL('models/plan_bound_v2/plan.failed.html', server.url).href);
      expect(await plain.locator('tr[data-path="summary.required_total"]').count()).toBe(1);
      expect(await plain.locator('#example pre').textContent()).toContain('"event": "plan.failed"');
      expect(await plain.locator('[data-search]').isVisible()).toBe(false);
      await plain.locator('.sidebar a', { hasText: 'Retry policies' }).click();
      await plain.waitForURL(/guides\/retries\.html$/);
      await plain.screenshot({ path: join(screenshots, '09-no-javascript.png') });
      expect(noJs.blockedRequests).toEqual([]);
    } finally {
      await noJs.close();
    }
  });
});
