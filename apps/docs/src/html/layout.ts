import type { Catalog } from '../catalog/catalog.js';
import { schemeGuides } from '../guides/schemes.js';
import { html, type SafeHtml } from './html.js';
import { relativeHref, sitePaths } from './links.js';

export interface PageInput {
  /** Site-root-relative path of the page being rendered, e.g. `guides/retries.html`. */
  path: string;
  title: string;
  description: string;
  body: SafeHtml;
  catalog: Catalog;
  /** Model whose events the sidebar opens, if any. */
  activeModel?: string;
}

export const otherGuides = [
  { slug: 'retries', title: 'Retry policies' },
  { slug: 'idempotency', title: 'Idempotency' },
  { slug: 'automation', title: 'Automation tools' },
] as const;

/** The frame of every page: header with search, sidebar navigation, content. Works without JS. */
export function layout(page: PageInput): string {
  const href = (to: string) => relativeHref(page.path, to);
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · taskhooks docs</title>
<meta name="description" content="${page.description}">
<link rel="stylesheet" href="${href(sitePaths.style)}">
<script src="${href(sitePaths.searchScript)}" defer></script>
</head>
<body data-site-root="${href('./') || './'}">
<header class="topbar">
  <a class="brand" href="${href(sitePaths.index)}"><span class="brand-mark">th</span> taskhooks <span class="brand-sub">webhook reference</span></a>
  <div class="search" data-search hidden>
    <input type="search" id="search-input" placeholder="Search events and fields…" autocomplete="off" aria-label="Search events and fields" aria-controls="search-results">
    <ol id="search-results" class="search-results" hidden></ol>
  </div>
  <nav class="topnav">
    <a href="${href(sitePaths.index)}">Events</a>
    <a href="${href(sitePaths.guide(schemeGuides[0]?.slug ?? 'delivery-standard-webhooks'))}">Guides</a>
    <a href="${href(sitePaths.openapi)}">OpenAPI</a>
  </nav>
</header>
<div class="shell">
  <aside class="sidebar">${sidebar(page, href)}</aside>
  <main class="content">${page.body}</main>
</div>
<footer class="footer">Generated from <code>@taskhooks/contracts</code>. Every example on this site passed <code>validateOutgoing</code> when it was built.</footer>
</body>
</html>
`;
  return doc.value;
}

function sidebar(page: PageInput, href: (to: string) => string): SafeHtml {
  const isCurrent = (to: string) => (to === page.path ? html` aria-current="page"` : '');
  const models = page.catalog.models.map(
    (model) => html`<details class="nav-model" ${model.id === page.activeModel ? html`open` : ''}>
  <summary><a href="${href(sitePaths.model(model.id))}"${isCurrent(sitePaths.model(model.id))}>${model.title}</a></summary>
  <ul>${model.events.map(
    (event) =>
      html`<li><a href="${href(sitePaths.event(model.id, event.name))}"${isCurrent(sitePaths.event(model.id, event.name))}${event.deprecation ? html` class="is-deprecated"` : ''}>${event.name}</a></li>`,
  )}</ul>
</details>`,
  );
  const guides = [
    ...schemeGuides.map((g) => ({ slug: g.slug, title: `Delivery: ${g.title}` })),
    ...otherGuides,
  ].map(
    (g) =>
      html`<li><a href="${href(sitePaths.guide(g.slug))}"${isCurrent(sitePaths.guide(g.slug))}>${g.title}</a></li>`,
  );
  return html`<p class="nav-heading">Models</p>${models}<p class="nav-heading">Guides</p><ul class="nav-guides">${guides}</ul>
<p class="nav-heading">Downloads</p><ul class="nav-guides"><li><a href="${href(sitePaths.openapi)}">openapi.json</a></li><li><a href="${href(sitePaths.schemaIndex)}">JSON Schema index</a></li></ul>`;
}
