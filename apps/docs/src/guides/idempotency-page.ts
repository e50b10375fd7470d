import type { Catalog } from '../catalog/catalog.js';
import { codeBlock } from '../html/components.js';
import { html } from '../html/html.js';
import { layout } from '../html/layout.js';
import { relativeHref, sitePaths } from '../html/links.js';

const postgresDedupe = `-- One row per handled delivery; the primary key makes a second insert a no-op.
CREATE TABLE IF NOT EXISTS handled_webhooks (
  delivery_id text PRIMARY KEY,
  handled_at  timestamptz NOT NULL DEFAULT now()
);

-- In the same transaction as your side effect:
INSERT INTO handled_webhooks (delivery_id) VALUES ($1)
ON CONFLICT (delivery_id) DO NOTHING
RETURNING delivery_id; -- no row returned: already handled, answer 2xx and stop`;

const sdkDedupe = `import { createReceiver } from '@taskhooks/receiver-sdk';

// Default: in-memory, 3 days. Share ids between instances with a store ({ store }),
// or turn it off with dedupe: false when your handler is idempotent by itself.
const receiver = createReceiver({ model: 'plan_bound_v2', secret: process.env.WEBHOOK_SECRET ?? '' });`;

export function idempotencyPage(catalog: Catalog): string {
  const path = sitePaths.guide('idempotency');
  const body = html`
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="${relativeHref(path, sitePaths.index)}">Events</a> / <span>Guides</span></nav>
<header class="page-header"><h1>Idempotency</h1></header>
<p class="lead">A message can arrive more than once: a retry after a timeout whose request actually succeeded, a network error after your <code>2xx</code>, a sender restart. Handle each message once by remembering its id.</p>
<section><h2>Which id</h2>
<ul>
<li><code>webhook-id</code> is sent on <strong>every</strong> scheme and stays the same on every retry of one message. It is the de-duplication key.</li>
<li>Some payloads carry their own id too (e.g. <code>id</code> in <code>extension_v1</code>); <code>plan_bound_v2</code> payloads do not, so rely on the header.</li>
<li>Two different messages can describe the same change (e.g. a plan re-evaluated): make the side effect itself idempotent where you can (upsert by <code>plan.id</code>, set a state instead of incrementing a counter).</li>
</ul></section>
<section><h2>With the receiver SDK</h2>${codeBlock(sdkDedupe, 'typescript')}
<p>A handler that throws releases the id, so the sender's retry runs it again.</p></section>
<section><h2>In your database</h2>${codeBlock(postgresDedupe, 'sql')}
<p>Keep ids at least as long as the longest retry window (see <a href="${relativeHref(path, sitePaths.guide('retries'))}">retry policies</a>), e.g. 3 days.</p></section>
<section><h2>Ordering</h2><p>Delivery order is best-effort. Compare the payload's event time (<code>occurred_at</code> or <code>timestamp</code>) with what you stored before overwriting newer state with older.</p></section>`;
  return layout({
    path,
    title: 'Idempotency',
    description: 'Handle every taskhooks message exactly once.',
    body,
    catalog,
  });
}
