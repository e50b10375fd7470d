import type { Catalog } from '../catalog/catalog.js';
import { html } from '../html/html.js';
import { layout } from '../html/layout.js';
import { relativeHref, sitePaths } from '../html/links.js';

export function notFoundPage(catalog: Catalog): string {
  const path = sitePaths.notFound;
  return layout({
    path,
    title: 'Page not found',
    description: 'This page does not exist.',
    catalog,
    body: html`<header class="page-header"><h1>Page not found</h1></header>
<p class="lead">There is no page at this address. Start from the <a href="${relativeHref(path, sitePaths.index)}">event index</a> or use the search.</p>`,
  });
}
