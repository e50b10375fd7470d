import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.js';
import { pickSampleEvent, recipePaths, samplePaths } from './automation-page.js';
import { parsePath, schemaPathOf, toolSyntaxes, valueAt } from './tool-expressions.js';

const expression = (tool: string, path: string) =>
  toolSyntaxes.find((t) => t.tool === tool)?.expression(path);

describe('automation tool field expressions', () => {
  it('writes each tool syntax for a nested field', () => {
    expect(expression('Home Assistant', 'summary.score_pct')).toBe('{{ trigger.json.summary.score_pct }}');
    expect(expression('Node-RED', 'summary.score_pct')).toBe('msg.payload.summary.score_pct');
    expect(expression('n8n', 'summary.score_pct')).toBe('{{ $json.body.summary.score_pct }}');
    expect(expression('Make', 'summary.score_pct')).toBe('{{1.summary.score_pct}}');
    expect(expression('Zapier', 'summary.score_pct')).toBe('summary__score_pct');
  });

  it('indexes arrays 0-based in JS-like tools and 1-based with get() in Make', () => {
    expect(expression('Home Assistant', 'tasks[0].reward_currency')).toBe(
      '{{ trigger.json.tasks[0].reward_currency }}',
    );
    expect(expression('Make', 'tasks[0].reward_currency')).toBe('{{get(1.tasks; 1.reward_currency)}}');
    expect(expression('IFTTT (filter code)', 'tasks[1].id')).toBe(
      'JSON.parse(MakerWebhooks.jsonEvent.JsonPayload).tasks[1].id',
    );
  });

  it('rejects a path it cannot express', () => {
    expect(() => parsePath('tasks[x].id')).toThrow(/Unsupported field path segment "tasks\[x\]"/);
  });

  it('reads values and maps paths to the field-table notation', () => {
    const payload = { summary: { score_pct: 37.5 }, tasks: [{ reward_currency: 'star' }] };
    expect(valueAt(payload, 'summary.score_pct')).toBe(37.5);
    expect(valueAt(payload, 'tasks[0].reward_currency')).toBe('star');
    expect(valueAt(payload, 'tasks[3].reward_currency')).toBeUndefined();
    expect(schemaPathOf('tasks[0].reward_currency')).toBe('tasks[].reward_currency');
  });

  it('every recipe path exists in the plan.failed schema and has a value in its example', () => {
    const sample = pickSampleEvent(loadCatalog(['plan_bound_v2']));
    expect(sample.name).toBe('plan.failed');
    expect(samplePaths(sample)).toEqual(recipePaths);
  });
});
