import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.js';
import { buildSearchIndex } from './build-search-index.js';

describe('search index', () => {
  const catalog = loadCatalog(['plan_bound_v2', 'extension_v1', 'task_events_v1']);
  const { entries } = buildSearchIndex(catalog);

  it('has an entry per model, per event and per field path of a model', () => {
    const paths = catalog.models.reduce(
      (n, m) => n + new Set(m.events.flatMap((e) => e.fields.map((f) => f.path))).size,
      0,
    );
    const events = catalog.models.reduce((n, m) => n + m.events.length, 0);
    expect(entries.filter((e) => e.k === 'field')).toHaveLength(paths);
    expect(entries.filter((e) => e.k === 'event')).toHaveLength(events);
    expect(entries.filter((e) => e.k === 'model')).toHaveLength(3);
  });

  it('keeps same-named events of different models apart', () => {
    const completed = entries.filter((e) => e.k === 'event' && e.t === 'task.completed');
    expect(completed.map((e) => e.m).sort()).toEqual(['extension_v1', 'task_events_v1']);
    expect(new Set(completed.map((e) => e.u)).size).toBe(2);
  });

  it('links a field to its row on the first event page and counts the other events', () => {
    const field = entries.find(
      (e) => e.k === 'field' && e.m === 'plan_bound_v2' && e.t === 'summary.score_pct',
    );
    expect(field?.u).toBe('models/plan_bound_v2/plan.started.html#field-summary.score_pct');
    expect(field?.x).toBe(6);
    const submissionOnly = entries.find(
      (e) => e.k === 'field' && e.m === 'plan_bound_v2' && e.t === 'submission.id',
    );
    expect(submissionOnly).toMatchObject({ e: 'submission.pending_review', x: 2 });
  });

  it('clips long text and drops Markdown backticks', () => {
    expect(Math.max(...entries.map((e) => e.d.length))).toBeLessThanOrEqual(180);
    expect(entries.some((e) => e.d.includes('`'))).toBe(false);
  });
});
