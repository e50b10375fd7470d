import type { Catalog } from '../catalog/catalog.js';
import { schemeGuides } from '../guides/schemes.js';
import { deprecationBadge } from '../html/components.js';
import { html, prose } from '../html/html.js';
import { layout, otherGuides } from '../html/layout.js';
import { relativeHref, sitePaths } from '../html/links.js';
import { eventsTable } from './model-page.js';

export function indexPage(catalog: Catalog): string {
  const path = sitePaths.index;
  const href = (to: string) => relativeHref(path, to);
  const eventCount = catalog.models.reduce((n, m) => n + m.events.length, 0);
  const body = html`
<header class="page-header hero">
  <h1>Webhook reference</h1>
  <p class="lead">Every payload taskhooks delivers, generated from the <code>@taskhooks/contracts</code> schemas: ${catalog.models.length} models, ${eventCount} events. Field tables, examples, JSON Schemas and the <a href="${href(sitePaths.openapi)}">OpenAPI 3.1 document</a> all come from the same source.</p>
</header>
<section class="cards">${catalog.models.map(
    (model) => html`<a class="card" href="${href(sitePaths.model(model.id))}" data-model="${model.id}">
<span class="card-title">${model.title} ${deprecationBadge(model.deprecation)}</span>
<span class="badge badge-model">${model.id}</span>
<span class="card-text">${prose(model.description)}</span>
<span class="card-foot">${model.events.length} events</span></a>`,
  )}</section>
<section class="guides-list"><h2>Guides</h2><ul class="link-grid">
${schemeGuides.map((g) => html`<li><a href="${href(sitePaths.guide(g.slug))}"><strong>Delivery: ${g.title}</strong><span>${prose(g.summary)}</span></a></li>`)}
${otherGuides.map((g) => html`<li><a href="${href(sitePaths.guide(g.slug))}"><strong>${g.title}</strong><span>${guideBlurb[g.slug]}</span></a></li>`)}
</ul></section>
${catalog.models.map(
  (
    model,
  ) => html`<section class="model-events" id="${model.id}"><h2><a href="${href(sitePaths.model(model.id))}">${model.title}</a> <span class="badge badge-model">${model.id}</span> ${deprecationBadge(model.deprecation)}</h2>
${eventsTable(model, path)}</section>`,
)}`;
  return layout({
    path,
    title: 'Webhook reference',
    description: 'Payload reference for taskhooks webhooks, generated from the contracts.',
    body,
    catalog,
  });
}

const guideBlurb: Record<(typeof otherGuides)[number]['slug'], string> = {
  retries: 'When a failed delivery is retried, how often, and with which timeout.',
  idempotency: 'Handle every message once although it may arrive more than once.',
  automation: 'Home Assistant, Node-RED, n8n, Zapier, IFTTT and Make: URL, method, headers, field paths.',
};
