import type { Catalog, CatalogEvent } from '../catalog/catalog.js';
import { codeBlock } from '../html/components.js';
import { html, prose, type SafeHtml } from '../html/html.js';
import { layout } from '../html/layout.js';
import { relativeHref, sitePaths } from '../html/links.js';
import { schemaPathOf, type ToolSyntax, toolSyntaxes, valueAt } from './tool-expressions.js';

/** Paths the recipes demonstrate; only those present in the sample payload are shown. */
export const recipePaths = [
  'event',
  'summary.score_pct',
  'child_name',
  'automation_key',
  'tasks[0].reward_currency',
];

interface Recipe {
  /** Must match a {@link ToolSyntax}.tool. */
  tool: string;
  id: string;
  url: string;
  method: string;
  auth: string;
  steps: string[];
  code?: { language: string; source: string };
}

const recipes: Recipe[] = [
  {
    tool: 'Home Assistant',
    id: 'home-assistant',
    url: 'https://<your-home-assistant>/api/webhook/<webhook_id>',
    method: 'POST (PUT also allowed via `allowed_methods`)',
    auth: 'Home Assistant does not check headers: the long, random `webhook_id` is the secret. Use HTTPS (e.g. Home Assistant Cloud) and set `local_only: false` when the sender is outside your network.',
    steps: [
      'Create an automation with a Webhook trigger and copy its URL into the sender.',
      'The JSON body is available as `trigger.json`; branch on `trigger.json.event`.',
    ],
    code: {
      language: 'yaml',
      source: `automation:
  - alias: Homework plan failed
    triggers:
      - trigger: webhook
        webhook_id: !secret taskhooks_webhook_id
        allowed_methods: [POST]
        local_only: false
    conditions:
      - condition: template
        value_template: "{{ trigger.json.event == 'plan.failed' }}"
    actions:
      - action: notify.mobile_app_parent_phone
        data:
          message: "{{ trigger.json.child_name }}: {{ trigger.json.summary.score_pct }} %"`,
    },
  },
  {
    tool: 'Node-RED',
    id: 'node-red',
    url: 'http://<node-red-host>:1880/taskhooks (the path of your "http in" node)',
    method: 'POST',
    auth: 'Configure header auth on the sender (e.g. `Authorization: Bearer …`) and compare `msg.req.headers.authorization` in a switch or function node; reject with status 401.',
    steps: [
      'Add an "http in" node (method POST, URL /taskhooks) followed by an "http response" node with status 204, so the sender gets its answer at once.',
      'The parsed body is `msg.payload`; a switch node on `msg.payload.event` routes events.',
    ],
    code: {
      language: 'javascript',
      source: `// function node after "http in"
if (msg.req.headers.authorization !== 'Bearer ' + env.get('TASKHOOKS_TOKEN')) {
  msg.statusCode = 401;
  return [null, msg]; // second output → http response
}
msg.statusCode = 204;
node.send([{ payload: { score: msg.payload.summary.score_pct, child: msg.payload.child_name } }, msg]);
return null;`,
    },
  },
  {
    tool: 'n8n',
    id: 'n8n',
    url: 'https://<your-n8n>/webhook/<path> (production URL; /webhook-test/<path> only while testing in the editor)',
    method: 'POST (set "HTTP Method" on the Webhook node)',
    auth: 'Webhook node → Authentication: Header Auth, with the same header name and value as configured on the sender (e.g. `Authorization` / `Bearer …`).',
    steps: [
      'Add a Webhook node; set "Respond" to "Immediately" so slow workflows do not cause retries.',
      'The body is under `$json.body`, headers under `$json.headers`; use an If/Switch node on `$json.body.event`.',
      'To verify HMAC signatures, enable the node option "Raw Body" and compute the HMAC with the Crypto node.',
    ],
  },
  {
    tool: 'Zapier',
    id: 'zapier',
    url: 'https://hooks.zapier.com/hooks/catch/<account>/<hook>/',
    method: 'POST',
    auth: 'Catch Hook does not check headers: the URL is the secret. Use "Catch Raw Hook" to get the raw body and headers if you need to verify a signature in a Code step.',
    steps: [
      'Trigger: Webhooks by Zapier → Catch Hook; send one example payload (copy it from an event page) to define the fields.',
      'Nested fields appear flattened (`summary__score_pct`, shown as "Summary Score Pct"); arrays of objects such as `tasks` become line items.',
      'Add a Filter step on `event` so each Zap reacts to one event.',
    ],
  },
  {
    tool: 'IFTTT (filter code)',
    id: 'ifttt',
    url: 'https://maker.ifttt.com/trigger/<event_name>/json/with/key/<your_key>',
    method: 'POST with `content-type: application/json`',
    auth: 'The key in the URL is the secret; IFTTT does not check headers.',
    steps: [
      'Use the Webhooks trigger "Receive a web request with a JSON payload"; the whole body is one ingredient, `JsonPayload`.',
      "Read a field in filter code by parsing it (see the table); the `<event_name>` in the URL is yours to choose, e.g. the plan's `automation_key`.",
    ],
  },
  {
    tool: 'Make',
    id: 'make',
    url: 'https://hook.<region>.make.com/<webhook-id>',
    method: 'POST',
    auth: "Anyone with the URL can call it; restrict the webhook to the sender's IP addresses or require an API key header in the webhook settings, and configure the same header as header auth on the sender.",
    steps: [
      'Add a "Webhooks → Custom webhook" module, click "Redetermine data structure" and send one example payload.',
      'Map fields as `{{1.summary.score_pct}}`; array items are 1-based: `get(1.tasks; 1.reward_currency)`.',
      'Enable "Get request headers" on the webhook to read `webhook-id` for de-duplication.',
    ],
  },
];

export function pickSampleEvent(catalog: Catalog): CatalogEvent {
  const preferred = catalog.byId.get('plan_bound_v2')?.events.find((e) => e.name === 'plan.failed');
  const fallback = catalog.models[0]?.events[0];
  const sample = preferred ?? fallback;
  if (!sample) throw new Error('The contracts registry has no events; nothing to document');
  return sample;
}

/** Paths from {@link recipePaths} that exist in the sample's schema and have a value in its example. */
export function samplePaths(sample: CatalogEvent): string[] {
  const known = new Set(sample.fields.map((f) => f.path));
  return recipePaths.filter(
    (p) => known.has(schemaPathOf(p)) && valueAt(sample.examples[0], p) !== undefined,
  );
}

export function automationPage(catalog: Catalog): string {
  const path = sitePaths.guide('automation');
  const href = (to: string) => relativeHref(path, to);
  const sample = pickSampleEvent(catalog);
  const paths = samplePaths(sample);
  const headline = paths.includes('summary.score_pct')
    ? 'summary.score_pct'
    : (paths[1] ?? paths[0] ?? 'event');
  const body = html`
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="${href(sitePaths.index)}">Events</a> / <span>Guides</span></nav>
<header class="page-header"><h1>Automation tools</h1></header>
<p class="lead">Point the webhook at an automation tool's URL, choose <code>POST</code>, add an auth header if the tool can check one, and read fields by their path. The examples use <a href="${href(sitePaths.event(sample.model, sample.name))}"><code>${sample.name}</code> (${sample.model})</a>.</p>
<section id="overview"><h2>At a glance</h2>
<div class="table-wrap"><table class="tool-overview"><thead><tr><th>Tool</th><th>URL</th><th>Method</th><th>Reading <code>${headline}</code></th></tr></thead>
<tbody>${recipes.map(
    (r) =>
      html`<tr data-tool="${r.id}"><td><a href="#${r.id}">${displayName(r)}</a></td><td><code>${r.url.split(' ')[0]}</code></td><td>${r.method.split(' ')[0]}</td><td><code>${syntaxOf(r).expression(headline)}</code></td></tr>`,
  )}</tbody></table></div></section>
${recipes.map((r) => recipeSection(r, sample, paths, href))}`;
  return layout({
    path,
    title: 'Automation tools',
    description: 'Receive taskhooks webhooks in Home Assistant, Node-RED, n8n, Zapier, IFTTT and Make.',
    body,
    catalog,
  });
}

function syntaxOf(recipe: Recipe): ToolSyntax {
  const syntax = toolSyntaxes.find((t) => t.tool === recipe.tool);
  if (!syntax) throw new Error(`No field syntax for automation tool "${recipe.tool}"`);
  return syntax;
}

function displayName(recipe: Recipe): string {
  return recipe.tool.replace(/ \(.*\)$/, '');
}

function recipeSection(
  recipe: Recipe,
  sample: CatalogEvent,
  paths: string[],
  href: (to: string) => string,
): SafeHtml {
  const syntax = syntaxOf(recipe);
  const eventPath = sitePaths.event(sample.model, sample.name);
  return html`<section id="${recipe.id}" class="recipe"><h2>${displayName(recipe)}</h2>
<dl class="facts"><dt>URL</dt><dd><code>${recipe.url}</code></dd><dt>Method</dt><dd>${prose(recipe.method)}</dd><dt>Headers / auth</dt><dd>${prose(recipe.auth)}</dd></dl>
<ol class="steps">${recipe.steps.map((s) => html`<li>${prose(s)}</li>`)}</ol>
${recipe.code ? codeBlock(recipe.code.source, recipe.code.language) : ''}
<div class="table-wrap"><table class="tool-paths"><thead><tr><th>Field</th><th>${syntax.tool}</th><th>Value in the <code>${sample.name}</code> example</th></tr></thead>
<tbody>${paths.map(
    (p) =>
      html`<tr data-path="${p}"><td><a href="${href(`${eventPath}#field-${schemaPathOf(p)}`)}"><code>${p}</code></a></td><td><code>${syntax.expression(p)}</code></td><td><code>${JSON.stringify(valueAt(sample.examples[0], p))}</code></td></tr>`,
  )}</tbody></table></div></section>`;
}
