import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../catalog/catalog.js';
import { automationPage } from '../guides/automation-page.js';
import { deliveryGuidePage } from '../guides/delivery-page.js';
import { idempotencyPage } from '../guides/idempotency-page.js';
import { retriesPage } from '../guides/retries-page.js';
import { schemeGuides } from '../guides/schemes.js';
import { sitePaths } from '../html/links.js';
import { buildOpenApi } from '../openapi/build-openapi.js';
import { eventPage } from '../pages/event-page.js';
import { indexPage } from '../pages/index-page.js';
import { modelPage } from '../pages/model-page.js';
import { notFoundPage } from '../pages/not-found-page.js';
import { buildSearchIndex } from '../search/build-search-index.js';

const SCHEMA_NOTE =
  'Generated from @taskhooks/contracts (eventJsonSchema / modelJsonSchemaBundle). Do not edit.';

/** Every file of the site, path → content, rendered in memory from the catalog. */
export function renderSite(catalog: Catalog): Map<string, string> {
  const files = new Map<string, string>();
  files.set(sitePaths.index, indexPage(catalog));
  files.set(sitePaths.notFound, notFoundPage(catalog));
  const schemaIndex: Record<string, string[]> = {};
  for (const model of catalog.models) {
    files.set(sitePaths.model(model.id), modelPage(catalog, model));
    schemaIndex[model.id] = [];
    for (const event of model.events) {
      files.set(sitePaths.event(model.id, event.name), eventPage(catalog, model, event));
      files.set(
        sitePaths.eventSchema(model.id, event.name),
        toJson({ $comment: SCHEMA_NOTE, ...event.jsonSchema }),
      );
      schemaIndex[model.id]?.push(sitePaths.eventSchema(model.id, event.name).replace('schemas/', ''));
    }
    files.set(sitePaths.modelBundle(model.id), toJson({ $comment: SCHEMA_NOTE, ...model.bundle }));
  }
  files.set(sitePaths.schemaIndex, toJson({ $comment: SCHEMA_NOTE, models: schemaIndex }));
  for (const guide of schemeGuides) files.set(sitePaths.guide(guide.slug), deliveryGuidePage(catalog, guide));
  files.set(sitePaths.guide('retries'), retriesPage(catalog));
  files.set(sitePaths.guide('idempotency'), idempotencyPage(catalog));
  files.set(sitePaths.guide('automation'), automationPage(catalog));
  files.set(sitePaths.openapi, toJson(buildOpenApi(catalog, contractsVersion())));
  files.set(sitePaths.searchIndex, JSON.stringify(buildSearchIndex(catalog)));
  files.set(sitePaths.style, readAsset('style.css'));
  files.set(sitePaths.searchScript, readAsset('search.js'));
  return files;
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function readAsset(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../assets/${name}`, import.meta.url)), 'utf8');
}

function contractsVersion(): string {
  const pkg = createRequire(import.meta.url)('@taskhooks/contracts/package.json') as { version?: string };
  return pkg.version ?? '0.0.0';
}
