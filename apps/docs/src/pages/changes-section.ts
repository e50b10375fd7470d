import { html, prose, type SafeHtml } from '../html/html.js';
import { relativeHref, sitePaths } from '../html/links.js';
import { type FieldChange, isBreaking } from '../schema/diff-schemas.js';

/** The "changes from previous version" table of one event, generated from the schema diff. */
export function eventChangesSection(input: {
  pagePath: string;
  previousModel: string;
  event: string;
  existedBefore: boolean;
  changes: FieldChange[];
}): SafeHtml {
  const previousHref = relativeHref(input.pagePath, sitePaths.event(input.previousModel, input.event));
  const heading = html`<h2 id="changes">Changes from ${input.previousModel}</h2>`;
  if (!input.existedBefore)
    return html`<section class="changes">${heading}<p><strong>New event</strong>: <code>${input.event}</code> does not exist in <code>${input.previousModel}</code>.</p></section>`;
  if (input.changes.length === 0)
    return html`<section class="changes">${heading}<p>The payload is identical to <a href="${previousHref}">${input.event} in ${input.previousModel}</a>.</p></section>`;
  const breaking = input.changes.filter(isBreaking).length;
  return html`<section class="changes">${heading}
<p>Compared with <a href="${previousHref}">${input.event} in ${input.previousModel}</a>: ${countLabel(input.changes)}${
    breaking > 0 ? html`, <strong class="text-danger">${breaking} may break existing receivers</strong>` : ''
  }.</p>
${changesTable(input.changes)}
</section>`;
}

export function changesTable(changes: FieldChange[]): SafeHtml {
  return html`<div class="table-wrap"><table class="changes-table">
<thead><tr><th>Change</th><th>Field</th><th>Details</th></tr></thead>
<tbody>${changes.map(
    (change) => html`<tr data-change="${change.kind}" data-path="${change.path}">
<td><span class="badge badge-${change.kind}">${change.kind}</span>${isBreaking(change) ? html` <span class="badge badge-breaking">breaking</span>` : ''}</td>
<td><code>${change.path}</code></td>
<td>${changeDetails(change)}</td></tr>`,
  )}</tbody></table></div>`;
}

function changeDetails(change: FieldChange): SafeHtml {
  if (change.kind === 'added' || change.kind === 'removed') {
    const f = change.field;
    const flags = [f.required ? 'required' : 'optional', f.nullable ? 'nullable' : '']
      .filter(Boolean)
      .join(', ');
    return html`<code>${f.type}</code> (${flags}) ${prose(f.description)}`;
  }
  return html`<ul class="change-list">${change.details.map((d) => html`<li>${d}</li>`)}</ul>`;
}

function countLabel(changes: FieldChange[]): string {
  const count = (kind: FieldChange['kind']) => changes.filter((c) => c.kind === kind).length;
  const parts = [
    [count('added'), 'added'],
    [count('removed'), 'removed'],
    [count('changed'), 'changed'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} field${n === 1 ? '' : 's'} ${label}`)
    .join(', ');
}
