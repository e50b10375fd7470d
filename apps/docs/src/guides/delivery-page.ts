import type { Catalog } from '../catalog/catalog.js';
import { codeBlock } from '../html/components.js';
import { html, prose, type SafeHtml } from '../html/html.js';
import { layout } from '../html/layout.js';
import { relativeHref, sitePaths } from '../html/links.js';
import { commonHeaders, type SchemeGuide, type SchemeHeader } from './schemes.js';
import { readSnippet } from './snippets.js';

export function deliveryGuidePage(catalog: Catalog, guide: SchemeGuide): string {
  const path = sitePaths.guide(guide.slug);
  const href = (to: string) => relativeHref(path, to);
  const body = html`
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="${href(sitePaths.index)}">Events</a> / <span>Guides</span></nav>
<header class="page-header"><h1>Delivery: ${guide.title}</h1>
<p class="meta"><span class="badge badge-model">scheme: ${guide.scheme}</span></p></header>
<p class="lead">${prose(guide.summary)}</p>
<section><h2>The request</h2>
<p>Each event is one HTTP request (usually <code>POST</code>; <code>PUT</code> and <code>PATCH</code> can be configured) whose body is the JSON payload documented on the event pages. A <code>2xx</code> answer acknowledges it; see <a href="${href(sitePaths.guide('retries'))}">retry policies</a> for everything else.</p>
${headerTable([...guide.headers, ...commonHeaders.filter((c) => !guide.headers.some((h) => h.name === c.name))])}
<p>A delivery of a deprecated model version also carries <code>Deprecation</code> (since when, RFC 9745), <code>Sunset</code> (when it stops, RFC 8594) and <code>Link</code> (the successor version's schema, <code>rel="successor-version"</code>); the event pages give the dates, <code>openapi.json</code> the exact header values.</p>
</section>
<section><h2>What is signed</h2><p>${prose(guide.signed)}</p><p><strong>Replay protection:</strong> ${prose(guide.replay)}</p></section>
<section><h2>How to verify</h2>
<ol class="steps">
<li>Read the <strong>raw body</strong> bytes before any JSON parsing: a re-serialized body does not match the signature.</li>
<li>Check the credential header as shown below, comparing in constant time.</li>
<li>Only then parse the JSON and branch on its <code>event</code> field (header event names are not signed).</li>
<li>Answer <code>2xx</code> quickly and process in the background; de-duplicate by <code>webhook-id</code> (<a href="${href(sitePaths.guide('idempotency'))}">idempotency</a>).</li>
</ol>
<h3>TypeScript with the receiver SDK</h3>
<p><code>@taskhooks/receiver-sdk</code> verifies, validates the payload against its model and gives typed handlers.</p>
${codeBlock(readSnippet(guide.snippets.sdk), 'typescript', 'receiver.ts')}
<h3>Plain Node.js (<code>node:crypto</code>)</h3>
${codeBlock(readSnippet(guide.snippets.node), 'javascript', guide.snippets.node.replace('node/', 'verify-'))}
<p>Wire it into a server (raw body, verify, parse, answer, de-duplicate):</p>
${codeBlock(readSnippet('node/server.mjs'), 'javascript', 'server.mjs')}
<h3>Python (<code>hmac</code>)</h3>
${codeBlock(readSnippet(guide.snippets.python), 'python', guide.snippets.python.replace('python/', ''))}
<p class="muted">These snippets are executed against the published test vectors (<code>@taskhooks/signatures/test-vectors.json</code>) every time the docs are tested.</p>
</section>
${catalogLinks(catalog, path)}`;
  return layout({ path, title: `Delivery: ${guide.title}`, description: guide.summary, body, catalog });
}

function headerTable(headers: SchemeHeader[]): SafeHtml {
  return html`<div class="table-wrap"><table class="headers">
<thead><tr><th>Header</th><th>Value</th><th>Meaning</th></tr></thead>
<tbody>${headers.map(
    (h) =>
      html`<tr data-header="${h.name}"><td><code>${h.name}</code>${h.credential ? html` <span class="badge badge-credential">credential</span>` : ''}</td><td><code>${h.value}</code></td><td>${prose(h.description)}</td></tr>`,
  )}</tbody></table></div>`;
}

function catalogLinks(catalog: Catalog, path: string): SafeHtml {
  return html`<section><h2>Payloads</h2><p>The body is the payload of one of these models; every scheme can carry every model.</p>
<ul>${catalog.models.map((m) => html`<li><a href="${relativeHref(path, sitePaths.model(m.id))}">${m.title}</a> (<code>${m.id}</code>)</li>`)}</ul></section>`;
}
