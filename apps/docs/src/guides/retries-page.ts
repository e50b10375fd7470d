import type { Catalog } from '../catalog/catalog.js';
import { html } from '../html/html.js';
import { layout } from '../html/layout.js';
import { relativeHref, sitePaths } from '../html/links.js';
import { formatDuration, type PresetRow, presetRows } from './presets.js';

const presetContext: Record<string, string> = {
  default: 'Standard Webhooks / Svix-style schedule for new endpoints.',
  'seed-000': 'Family webhooks (plan_bound_v2 senders that promise a single attempt).',
  'seed-002': 'Extension webhooks (extension_v1).',
  'seed-003': 'Personal task apps (task_events_v1, OpenTask-style).',
};

export function retriesPage(catalog: Catalog): string {
  const path = sitePaths.guide('retries');
  const rows = presetRows();
  const body = html`
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="${relativeHref(path, sitePaths.index)}">Events</a> / <span>Guides</span></nav>
<header class="page-header"><h1>Retry policies</h1></header>
<p class="lead">Delivery is <strong>at least once</strong>. An attempt succeeds on any <code>2xx</code> answer; otherwise the endpoint's retry preset decides whether and when the same message (same <code>webhook-id</code>, same body, fresh signature) is sent again.</p>
<div class="table-wrap"><table class="presets">
<thead><tr><th>Preset</th><th>Timeout</th><th>Attempts</th><th>Delays before retries</th><th>Last attempt after</th><th>Jitter</th><th>Retried on</th><th>Retry-After cap</th></tr></thead>
<tbody>${rows.map(presetRow)}</tbody></table></div>
<section><h2>What this means for a receiver</h2>
<ul>
<li>Answer within the timeout, before slow work: queue the payload and return <code>204</code>.</li>
<li>A <code>429</code> or <code>503</code> with <code>Retry-After</code> postpones the next attempt (capped as shown).</li>
<li>Failures marked as not retried (for most presets: <code>4xx</code> other than <code>429</code>, and redirects) mean the request itself is wrong (URL, credentials); fix the endpoint configuration.</li>
<li>Retries may arrive after newer events: ordering is best-effort. Use <code>occurred_at</code>/<code>timestamp</code> in the payload to order, and <a href="${relativeHref(path, sitePaths.guide('idempotency'))}">de-duplicate</a> by <code>webhook-id</code>.</li>
</ul></section>`;
  return layout({
    path,
    title: 'Retry policies',
    description: 'When taskhooks retries a failed delivery.',
    body,
    catalog,
  });
}

function presetRow(row: PresetRow) {
  const last = row.cumulativeMs.at(-1);
  return html`<tr data-preset="${row.name}">
<td><code>${row.name}</code><div class="muted small">${presetContext[row.name] ?? ''}</div></td>
<td class="num">${formatDuration(row.timeoutMs)}</td>
<td class="num">${row.maxAttempts}</td>
<td>${row.delaysMs.length > 0 ? row.delaysMs.map((d, i) => html`${i > 0 ? ', ' : ''}<span class="nowrap">${formatDuration(d)}</span>`) : html`<span class="muted">no retries</span>`}</td>
<td class="num">${last === undefined ? '—' : formatDuration(last)}</td>
<td class="num">${row.jitter > 0 ? `+0–${Math.round(row.jitter * 100)} %` : 'none'}</td>
<td>${
    row.maxAttempts > 1
      ? html`${row.retryOn.join(', ')}${row.notRetried.length > 0 ? html`<div class="muted small">not: ${row.notRetried.join(', ')}</div>` : ''}`
      : html`<span class="muted">—</span>`
  }</td>
<td class="num">${row.maxRetryAfterMs > 0 ? formatDuration(row.maxRetryAfterMs) : '—'}</td>
</tr>`;
}
