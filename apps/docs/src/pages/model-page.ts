import type { Catalog, CatalogModel } from '../catalog/catalog.js';
import { deprecationBadge, deprecationNotice } from '../html/components.js';
import { html, prose, type SafeHtml } from '../html/html.js';
import { layout } from '../html/layout.js';
import { relativeHref, sitePaths } from '../html/links.js';
import { diffModels } from '../schema/diff-models.js';
import { isBreaking } from '../schema/diff-schemas.js';

export function eventsTable(model: CatalogModel, fromPage: string): SafeHtml {
  return html`<div class="table-wrap"><table class="events">
<thead><tr><th>Event</th><th>When it is sent</th><th>Fields</th></tr></thead>
<tbody>${model.events.map(
    (event) => html`<tr data-event="${event.name}">
<td><a href="${relativeHref(fromPage, sitePaths.event(model.id, event.name))}"><code>${event.name}</code></a> ${deprecationBadge(event.deprecation)}</td>
<td>${prose(event.description)}</td><td class="num">${event.fields.length}</td></tr>`,
  )}</tbody></table></div>`;
}

export function modelPage(catalog: Catalog, model: CatalogModel): string {
  const path = sitePaths.model(model.id);
  const href = (to: string) => relativeHref(path, to);
  const previous = model.previous ? catalog.byId.get(model.previous) : undefined;
  const body = html`
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="${href(sitePaths.index)}">Events</a> / <span>${model.title}</span></nav>
<header class="page-header">
  <h1>${model.title} ${deprecationBadge(model.deprecation)}</h1>
  <p class="meta"><span class="badge badge-model">${model.id}</span> ${model.events.length} events · <a href="${href(sitePaths.modelBundle(model.id))}" download>JSON Schema bundle</a></p>
</header>
${deprecationNotice(model.deprecation, 'this model')}
<p class="lead">${prose(model.description)}</p>
${
  model.previous || model.next
    ? html`<p class="versions">Versions: ${model.previous ? html`previous <a href="${href(sitePaths.model(model.previous))}">${model.previous}</a>` : ''}${model.previous && model.next ? ' · ' : ''}${model.next ? html`newer <a href="${href(sitePaths.model(model.next))}">${model.next}</a> (<a href="${href(`${sitePaths.model(model.next)}#changes`)}">what changed</a>)` : ''}</p>`
    : ''
}
<h2>Events</h2>
${eventsTable(model, path)}
${previous ? modelChanges(path, previous, model) : ''}`;
  return layout({
    path,
    title: model.title,
    description: model.description,
    body,
    catalog,
    activeModel: model.id,
  });
}

function modelChanges(path: string, previous: CatalogModel, model: CatalogModel): SafeHtml {
  const diff = diffModels(previous, model);
  const href = (to: string) => relativeHref(path, to);
  return html`<section class="changes"><h2 id="changes">Changes from ${previous.id}</h2>
<div class="table-wrap"><table><thead><tr><th>Event</th><th>Status</th><th>Field changes</th></tr></thead><tbody>
${diff.addedEvents.map((e) => html`<tr><td><a href="${href(sitePaths.event(model.id, e))}"><code>${e}</code></a></td><td><span class="badge badge-added">new event</span></td><td></td></tr>`)}
${diff.removedEvents.map((e) => html`<tr><td><code>${e}</code></td><td><span class="badge badge-removed">removed</span> <span class="badge badge-breaking">breaking</span></td><td>Only in <a href="${href(sitePaths.event(previous.id, e))}">${previous.id}</a></td></tr>`)}
${diff.changedEvents.map((d) => {
  const breaking = d.changes.filter(isBreaking).length;
  return html`<tr><td><a href="${href(`${sitePaths.event(model.id, d.event)}#changes`)}"><code>${d.event}</code></a></td><td><span class="badge badge-changed">changed</span>${breaking > 0 ? html` <span class="badge badge-breaking">breaking</span>` : ''}</td><td>${d.changes.length} field change${d.changes.length === 1 ? '' : 's'}</td></tr>`;
})}
${diff.unchangedEvents.map((e) => html`<tr><td><a href="${href(sitePaths.event(model.id, e))}"><code>${e}</code></a></td><td><span class="badge">unchanged</span></td><td></td></tr>`)}
</tbody></table></div></section>`;
}
