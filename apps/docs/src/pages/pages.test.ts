import { describe, expect, it } from 'vitest';
import { type Catalog, type CatalogModel, loadCatalog } from '../catalog/catalog.js';
import { flattenFields } from '../schema/flatten-fields.js';
import { eventPage } from './event-page.js';
import { indexPage } from './index-page.js';
import { modelPage } from './model-page.js';

/** plan_bound_v2 plus a made-up next version, so lineage pages are tested whatever the registry holds. */
function catalogWithNextVersion(): { catalog: Catalog; v2: CatalogModel; v9: CatalogModel } {
  const base = loadCatalog(['plan_bound_v2']);
  const v2 = base.models[0] as CatalogModel;
  const v9: CatalogModel = structuredClone({ ...v2, id: 'plan_bound_v9', title: 'Plan-bound events v9' });
  const failed = v9.events.find((e) => e.name === 'plan.failed');
  if (!failed) throw new Error('plan.failed exists in plan_bound_v2');
  const props = failed.jsonSchema.properties as Record<string, Record<string, unknown>>;
  props.display_status = { ...props.display_status, enum: ['failed', 'partial', 'abandoned'] };
  delete props.plan_title;
  failed.model = 'plan_bound_v9';
  v9.events = v9.events
    .filter((e) => e.name !== 'plan.expired')
    .map((e) => ({ ...e, model: 'plan_bound_v9' }));
  for (const e of v9.events) e.fields = flattenFields(e.jsonSchema);
  v2.next = 'plan_bound_v9';
  v9.previous = 'plan_bound_v2';
  const catalog: Catalog = {
    models: [v2, v9],
    byId: new Map([
      [v2.id, v2],
      [v9.id, v9],
    ]),
  };
  return { catalog, v2, v9 };
}

describe('version pages', () => {
  const { catalog, v2, v9 } = catalogWithNextVersion();

  it('links an older event page to the changes in the newer version', () => {
    const page = eventPage(catalog, v2, v2.events.find((e) => e.name === 'plan.failed') as never);
    expect(page).toContain('data-newer-version="plan_bound_v9"');
    expect(page).toContain('href="../plan_bound_v9/plan.failed.html#changes"');
  });

  it('lists the generated field changes on the newer event page', () => {
    const page = eventPage(catalog, v9, v9.events.find((e) => e.name === 'plan.failed') as never);
    expect(page).toContain('<h2 id="changes">Changes from plan_bound_v2</h2>');
    expect(page).toMatch(
      /data-change="changed" data-path="display_status"[\s\S]*?allowed values added: &quot;abandoned&quot;/,
    );
    expect(page).toMatch(/data-change="removed" data-path="plan_title"/);
    expect(page).toContain('2 may break existing receivers');
  });

  it('summarises removed and unchanged events on the newer model page', () => {
    const page = modelPage(catalog, v9);
    expect(page).toMatch(/<code>plan\.expired<\/code><\/td><td><span class="badge badge-removed">removed/);
    expect(page).toMatch(/plan\.started<\/code><\/a><\/td><td><span class="badge">unchanged/);
  });

  it('points an event missing from the newer version to the model changes', () => {
    const page = eventPage(catalog, v2, v2.events.find((e) => e.name === 'plan.expired') as never);
    expect(page).toContain('href="../plan_bound_v9/index.html#changes"');
  });
});

describe('deprecation badges', () => {
  it('marks a deprecated model and event on the index, the model page and the event page', () => {
    const catalog = loadCatalog(['plan_bound_v2']);
    const model = catalog.models[0] as CatalogModel;
    const deprecation = {
      deprecatedSince: '2026-05-01',
      sunset: '2026-11-01',
      replacement: 'Use `plan_bound_v3`.',
    };
    model.deprecation = deprecation;
    const event = model.events[0];
    if (!event) throw new Error('plan_bound_v2 has events');
    event.deprecation = deprecation;
    expect(indexPage(catalog)).toMatch(/data-model="plan_bound_v2"[\s\S]*?badge-deprecated/);
    expect(modelPage(catalog, model)).toContain('Deprecated</strong> since 2026-05-01');
    const page = eventPage(catalog, model, event);
    expect(page).toContain('title="Deprecated since 2026-05-01, sunset 2026-11-01">deprecated</span>');
    expect(page).toContain('after <strong>2026-11-01</strong>. Use <code>plan_bound_v3</code>.');
    expect(page).toContain('class="is-deprecated"');
  });
});
