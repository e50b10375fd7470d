import { existsSync } from 'node:fs';
import type http from 'node:http';
import { join, resolve } from 'node:path';
import { createStaticFiles } from '../server/static-files.js';

export const DOCS_PATH = '/docs';
/** Where `pnpm docs:build` writes the site (apps/docs/scripts/build.ts), seen from this file. */
export const REPO_DOCS_DIST = join(import.meta.dirname, '..', '..', '..', 'docs', 'dist');

/** TASKHOOKS_DOCS_DIR, else the repository's built docs when they exist, else none. */
export function resolveDocsDir(configured: string | undefined): string | null {
  if (configured) return resolve(configured);
  return existsSync(join(REPO_DOCS_DIST, 'index.html')) ? REPO_DOCS_DIST : null;
}

/** Serves the static docs site under /docs/, or a page saying how to build it. */
export function createDocsHandler(docsDir: string | null) {
  if (docsDir) return createStaticFiles({ root: docsDir, mountPath: DOCS_PATH });
  return (_req: http.IncomingMessage, res: http.ServerResponse): void => {
    const text =
      'The docs site is not built. Run `pnpm docs:build` in the repository (it writes apps/docs/dist), ' +
      'or point TASKHOOKS_DOCS_DIR at a built copy, then restart taskhooks serve.\n';
    res.writeHead(404, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
}
