import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { assertExamplesValid } from '../catalog/validate-examples.js';
import { renderSite } from './render-site.js';

export interface BuildSummary {
  outDir: string;
  /** HTML pages written. */
  pages: number;
  /** All files written (pages, schemas, openapi.json, search index, assets). */
  files: number;
  models: number;
  events: number;
  examplesValidated: number;
}

/**
 * Validates every example, renders the whole site in memory, then replaces `outDir` with it, so
 * a failed build never leaves a half-written folder behind.
 */
export function buildSite(options: { outDir: string; catalog?: Catalog }): BuildSummary {
  const catalog = options.catalog ?? loadCatalog();
  const examplesValidated = assertExamplesValid(catalog);
  const files = renderSite(catalog);
  rmSync(options.outDir, { recursive: true, force: true });
  for (const [path, content] of files) {
    const target = join(options.outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return {
    outDir: options.outDir,
    pages: [...files.keys()].filter((p) => p.endsWith('.html')).length,
    files: files.size,
    models: catalog.models.length,
    events: catalog.models.reduce((n, m) => n + m.events.length, 0),
    examplesValidated,
  };
}
