import { valueChips, yesNo } from '../html/components.js';
import { escapeHtml, html, prose, raw, type SafeHtml } from '../html/html.js';
import type { FieldRow } from '../schema/flatten-fields.js';

/** The field reference of one event: one row per dotted path, parents first. */
export function fieldTable(fields: FieldRow[]): SafeHtml {
  return html`<div class="table-wrap"><table class="fields">
<thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Nullable</th><th>Description</th><th>Allowed values</th></tr></thead>
<tbody>${fields.map(fieldRow)}</tbody>
</table></div>`;
}

function fieldRow(field: FieldRow): SafeHtml {
  const lastDot = field.path.lastIndexOf('.');
  const parent = field.path.slice(0, lastDot + 1);
  const leaf = field.path.slice(lastDot + 1);
  return html`<tr id="field-${field.path}" data-path="${field.path}" class="depth-${Math.min(field.depth, 4)}">
<td class="field-path"><code><span class="path-parent">${breakable(parent)}</span><span class="path-leaf">${leaf}</span></code></td>
<td class="field-type"><code>${field.type}</code>${field.constraints.length > 0 ? html`<div class="constraints">${field.constraints.join('; ')}</div>` : ''}</td>
<td>${yesNo(field.required)}</td>
<td>${yesNo(field.nullable)}</td>
<td class="field-desc">${prose(field.description)}</td>
<td class="field-values">${valueChips(field.allowedValues)}</td>
</tr>`;
}

/** Long parent paths may wrap after a dot, never inside a name. */
function breakable(path: string): SafeHtml {
  return raw(escapeHtml(path).replaceAll('.', '.<wbr>'));
}
