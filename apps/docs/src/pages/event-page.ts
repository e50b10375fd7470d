import type { Catalog, CatalogEvent, CatalogModel } from '../catalog/catalog.js';
import { codeBlock, deprecationBadge, deprecationNotice } from '../html/components.js';
import { html, prose } from '../html/html.js';
import { layout } from '../html/layout.js';
import { relativeHref, sitePaths } from '../html/links.js';
import { diffEventSchemas } from '../schema/diff-schemas.js';
import { eventChangesSection } from './changes-section.js';
import { fieldTable } from './field-table.js';

export function eventPage(catalog: Catalog, model: CatalogModel, event: CatalogEvent): string {
  const path = sitePaths.event(model.id, event.name);
  const href = (to: string) => relativeHref(path, to);
  const previous = model.previous ? catalog.byId.get(model.previous) : undefined;
  const next = model.next ? catalog.byId.get(model.next) : undefined;
  const previousEvent = previous?.events.find((e) => e.name === event.name);
  const nextHasEvent = next?.events.some((e) => e.name === event.name) ?? false;
  const example = event.examples[0];

  const body = html`
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="${href(sitePaths.index)}">Events</a> / <a href="${href(sitePaths.model(model.id))}">${model.title}</a> / <span>${event.name}</span></nav>
<header class="page-header">
  <h1><code class="event-name">${event.name}</code> ${deprecationBadge(event.deprecation)}</h1>
  <p class="meta"><span class="badge badge-model">${model.id}</span> <a href="${href(sitePaths.eventSchema(model.id, event.name))}" download>JSON Schema</a> · <a href="${href(sitePaths.modelBundle(model.id))}" download>Model bundle</a> · <a href="${href('openapi.json')}">OpenAPI</a></p>
</header>
${
  next
    ? html`<div class="callout callout-info" role="note" data-newer-version="${next.id}">A newer version of this model exists: <strong>${next.id}</strong>. ${
        nextHasEvent
          ? html`<a class="changes-link" href="${href(`${sitePaths.event(next.id, event.name)}#changes`)}">See what changed in ${event.name} (${next.id})</a>`
          : html`<a class="changes-link" href="${href(`${sitePaths.model(next.id)}#changes`)}">${event.name} is not part of ${next.id}; see the model changes</a>`
      }</div>`
    : ''
}
${deprecationNotice(event.deprecation, 'this event')}
<section id="trigger"><h2>When it is sent</h2><p class="lead">${prose(event.description)}</p></section>
<section id="fields"><h2>Fields</h2>
<p class="muted">${event.fields.length} fields, from the JSON Schema of <code>${model.id}</code>. Nested objects use dotted paths; <code>[]</code> marks the items of an array.</p>
${fieldTable(event.fields)}
</section>
<section id="example"><h2>Example</h2>
<p class="muted">A complete payload as delivered. It passes <code>validateOutgoing('${model.id}', …)</code>: the schema and the model's cross-field rules.</p>
${codeBlock(JSON.stringify(example, null, 2), 'json', `${event.name} · ${model.id}`)}
</section>
<section id="schema"><h2>JSON Schema</h2>
<p>Draft 2020-12, generated from the zod contract: <a href="${href(sitePaths.eventSchema(model.id, event.name))}" download>${event.name}.schema.json</a> (<code>${String(event.jsonSchema.$id ?? '')}</code>).</p>
</section>
${
  previous
    ? eventChangesSection({
        pagePath: path,
        previousModel: previous.id,
        event: event.name,
        existedBefore: previousEvent !== undefined,
        changes: previousEvent ? diffEventSchemas(previousEvent.jsonSchema, event.jsonSchema) : [],
      })
    : ''
}`;

  return layout({
    path,
    title: `${event.name} (${model.id})`,
    description: event.description,
    body,
    catalog,
    activeModel: model.id,
  });
}
