import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { eventMetadata, getEventSchema, listEvents, modelIds } from '@taskhooks/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { type BuildSummary, buildSite } from '../src/build/build-site.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import { InvalidExampleError } from '../src/catalog/validate-examples.js';

const outDir = mkdtempSync(join(tmpdir(), 'taskhooks-docs-build-'));
const summary: BuildSummary = buildSite({ outDir });
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}
const files = listFiles(outDir);
const htmlFiles = files.filter((f) => f.endsWith('.html'));
const read = (path: string) => readFileSync(join(outDir, path), 'utf8');

describe('docs build', () => {
  const eventCount = modelIds.reduce((n, m) => n + listEvents(m).length, 0);

  it('writes one page per model and per (model, event), plus index, 404 and 7 guides', () => {
    expect(summary.models).toBe(modelIds.length);
    expect(summary.events).toBe(eventCount);
    expect(summary.pages).toBe(2 + modelIds.length + eventCount + 7);
    expect(htmlFiles).toHaveLength(summary.pages);
    for (const model of modelIds)
      for (const event of listEvents(model)) {
        expect(files).toContain(`models/${model}/${event}.html`);
        expect(files).toContain(`schemas/${model}/${event}.schema.json`);
      }
    expect(files).toEqual(
      expect.arrayContaining(['openapi.json', 'search-index.json', 'assets/style.css', 'assets/search.js']),
    );
  });

  it('has no broken internal link or fragment on any page', () => {
    const broken: string[] = [];
    let checked = 0;
    const idsOf = new Map<string, Set<string>>();
    const ids = (page: string) => {
      let set = idsOf.get(page);
      if (!set) {
        set = new Set([...read(page).matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1] as string)));
        idsOf.set(page, set);
      }
      return set;
    };
    for (const page of htmlFiles) {
      for (const match of read(page).matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const link = decodeEntities(match[1] as string);
        if (/^[a-z]+:/i.test(link)) continue;
        checked++;
        const [pathPart, fragment] = link.split('#', 2) as [string, string | undefined];
        let target = pathPart === '' ? page : posix.normalize(posix.join(posix.dirname(page), pathPart));
        if (target.endsWith('/') || target === '.') target = posix.join(target, 'index.html');
        if (!files.includes(target)) broken.push(`${page}: ${link} (no file ${target})`);
        else if (fragment && target.endsWith('.html') && !ids(target).has(fragment))
          broken.push(`${page}: ${link} (no id "${fragment}" in ${target})`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(htmlFiles.length * 20);
  });

  it('loads nothing from the network: no external script, stylesheet or image', () => {
    for (const page of htmlFiles)
      expect(read(page)).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?\/\//);
    expect(read('assets/search.js')).not.toMatch(/https?:\/\//);
  });

  it('publishes exactly the JSON Schemas the contracts generate', () => {
    const generatedRoot = join(
      dirname(createRequire(import.meta.url).resolve('@taskhooks/contracts/package.json')),
      'generated',
      'json-schema',
    );
    let compared = 0;
    for (const model of modelIds) {
      for (const event of listEvents(model)) {
        const committed = join(generatedRoot, model, `${event}.schema.json`);
        if (!existsSync(committed)) continue; // not generated yet; `pnpm schemas:check` reports that
        const { $comment: _a, ...expected } = JSON.parse(readFileSync(committed, 'utf8'));
        const { $comment: _b, ...published } = JSON.parse(read(`schemas/${model}/${event}.schema.json`));
        expect(published).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('shows the plan.failed v2 field table and the contract example', () => {
    const page = read('models/plan_bound_v2/plan.failed.html');
    expect(page).toContain('data-path="summary.required_total"');
    expect(page).toMatch(
      /data-path="tasks\[\]\.reward_currency"[\s\S]*?<code class="chip">star<\/code> <code class="chip">diamond<\/code>/,
    );
    const example = eventMetadata(getEventSchema('plan_bound_v2', 'plan.failed')).examples[0];
    const shown = /<pre class="lang-json"><code>([\s\S]*?)<\/code><\/pre>/.exec(page)?.[1] ?? '';
    expect(JSON.parse(decodeEntities(shown.replace(/<[^>]+>/g, '')))).toEqual(example);
  });

  it('refuses to publish an invalid example and leaves the previous build untouched', () => {
    const catalog = loadCatalog(['plan_bound_v2']);
    const event = catalog.models[0]?.events[0];
    if (!event) throw new Error('plan_bound_v2 has events');
    event.examples = [{ ...(event.examples[0] as object), score: 140 }];
    const marker = join(outDir, 'marker.txt');
    writeFileSync(marker, 'previous build');
    expect(() => buildSite({ outDir, catalog })).toThrow(InvalidExampleError);
    expect(() => buildSite({ outDir, catalog })).toThrow(
      /plan_bound_v2 plan\.started example #1: [\s\S]*score/,
    );
    expect(readFileSync(marker, 'utf8')).toBe('previous build');
    rmSync(marker);
  });
});

function decodeEntities(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}
