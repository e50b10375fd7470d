import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventJsonSchema } from '../../json-schema/to-json-schema.js';
import { listEvents, modelIds } from '../../registry/registry.js';
import { compareCatalogs, formatFinding, gateFails, type SchemaCatalog } from './compare-catalogs.js';
import type { SchemaNode } from './schema-node.js';

const packageRoot = join(import.meta.dirname, '..', '..', '..');
const snapshotRoot = join(packageRoot, 'schema-snapshots');
const generatedRoot = join(packageRoot, 'generated', 'json-schema');

function readSnapshots(): SchemaCatalog {
  const catalog: SchemaCatalog = {};
  for (const model of readdirSync(snapshotRoot, { withFileTypes: true })) {
    if (!model.isDirectory()) continue;
    catalog[model.name] = Object.fromEntries(
      readdirSync(join(snapshotRoot, model.name)).map((file) => [
        file.replace('.schema.json', ''),
        JSON.parse(readFileSync(join(snapshotRoot, model.name, file), 'utf8')) as SchemaNode,
      ]),
    );
  }
  return catalog;
}

function currentCatalog(): SchemaCatalog {
  return Object.fromEntries(
    modelIds.map((model) => [
      model,
      Object.fromEntries(listEvents(model).map((event) => [event, eventJsonSchema(model, event)])),
    ]),
  );
}

type Summary = SchemaNode & { properties: Record<string, SchemaNode> };
const summaryOf = (schema: SchemaNode) => (schema.properties as { summary: Summary }).summary;

describe('the committed snapshots', () => {
  it('freeze every registered model and match what the contracts emit now', () => {
    const findings = compareCatalogs(readSnapshots(), currentCatalog());
    expect(findings.map(formatFinding)).toEqual([]);
    expect(Object.keys(readSnapshots()).sort()).toEqual([...modelIds].sort());
  });
});

describe('compareCatalogs', () => {
  const published = readSnapshots();

  it('rejects nullability removed from a plan_bound_v2 field, with the message the CLI prints', () => {
    const current = structuredClone(currentCatalog());
    const failed = current.plan_bound_v2?.['plan.failed'] as SchemaNode;
    summaryOf(failed).properties.score_pct = { type: 'number', minimum: 0, maximum: 100 };
    const findings = compareCatalogs(published, current);
    expect(gateFails(findings)).toBe(true);
    expect(findings.map(formatFinding)).toEqual([
      'plan_bound_v2 plan.failed: field summary.score_pct: nullability removed (null was allowed) — receivers written against the published schema may break; publish a new model id instead',
    ]);
  });

  it('passes an additive optional field and reports it as compatible', () => {
    const current = structuredClone(currentCatalog());
    const failed = current.plan_bound_v2?.['plan.failed'] as SchemaNode;
    summaryOf(failed).properties.streak_days = { type: 'integer', minimum: 0, description: 'Days in a row.' };
    const findings = compareCatalogs(published, current);
    expect(gateFails(findings)).toBe(false);
    expect(findings.map(formatFinding)).toEqual([
      'plan_bound_v2 plan.failed: field summary.streak_days: optional field added (lenient receivers ignore it) (compatible)',
    ]);
  });

  it('rejects removed models and events, a new event in a published model, and unfrozen models', () => {
    const current = structuredClone(currentCatalog());
    delete current.task_events_v1;
    delete current.plan_bound_v2?.['plan.expired'];
    (current.plan_bound_v2 as Record<string, SchemaNode>)['plan.paused'] = { type: 'object' };
    current.plan_bound_v4 = {};
    const findings = compareCatalogs(published, current);
    expect(findings.map((f) => `${f.severity} ${f.kind} ${f.model} ${f.event ?? ''}`.trim())).toEqual([
      'breaking event_removed plan_bound_v2 plan.expired',
      'breaking event_added plan_bound_v2 plan.paused',
      'breaking model_removed task_events_v1',
      'not_frozen not_frozen plan_bound_v4',
    ]);
    expect(formatFinding(findings[3]!)).toContain('compat:update');
  });

  it('shows why v3 had to be a new model id: as an edit of v2 it breaks receivers', () => {
    const current = structuredClone(currentCatalog());
    current.plan_bound_v2 = structuredClone(current.plan_bound_v3 as Record<string, SchemaNode>);
    const kinds = compareCatalogs(published, current)
      .filter((f) => f.event === 'plan.failed' && f.severity === 'breaking')
      .map((f) => `${f.kind}@${f.path}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'field_added_required@id',
        'field_added_required@tenant_id',
        'const_changed@model',
        'constraint_changed@occurred_at',
        'field_removed@plan.name',
        'field_added_required@family.timezone',
      ]),
    );
  });
});

describe('scripts/check-compat.ts', () => {
  const work = mkdtempSync(join(tmpdir(), 'compat-gate-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const run = (...args: string[]) => {
    try {
      const stdout = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=@taskhooks/source',
          join(packageRoot, 'scripts', 'check-compat.ts'),
          ...args,
        ],
        { cwd: packageRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
      );
      return { code: 0, output: stdout };
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      return { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
    }
  };

  it('fails on a copy of the schemas with a v2 field made non-nullable and passes an additive edit', () => {
    const copy = join(work, 'schemas');
    cpSync(generatedRoot, copy, { recursive: true });
    const file = join(copy, 'plan_bound_v2', 'plan.failed.schema.json');
    const original = readFileSync(file, 'utf8');
    const schema = JSON.parse(original) as SchemaNode;
    summaryOf(schema).properties.score_pct = { type: 'number', minimum: 0, maximum: 100 };
    writeFileSync(file, JSON.stringify(schema));

    const rejected = run('--current', copy);
    expect(rejected.code).toBe(1);
    expect(rejected.output).toContain(
      'plan_bound_v2 plan.failed: field summary.score_pct: nullability removed (null was allowed) — receivers written against the published schema may break; publish a new model id instead',
    );

    const additive = JSON.parse(original) as SchemaNode;
    summaryOf(additive).properties.streak_days = { type: 'integer', minimum: 0 };
    writeFileSync(file, JSON.stringify(additive));
    const accepted = run('--current', copy);
    expect(accepted.output).toContain('field summary.streak_days: optional field added');
    expect(accepted.code).toBe(0);
  }, 120_000);

  it('--update freezes new models only and never rewrites an existing snapshot', () => {
    const snapshots = join(work, 'snapshots');
    const first = run('--snapshots', snapshots, '--update');
    expect(first.code).toBe(0);
    expect(readdirSync(snapshots).sort()).toEqual([...modelIds].sort());

    const frozen = join(snapshots, 'plan_bound_v2', 'plan.failed.schema.json');
    const tampered = JSON.parse(readFileSync(frozen, 'utf8')) as SchemaNode;
    summaryOf(tampered).properties.score_pct = { type: 'number' };
    writeFileSync(frozen, JSON.stringify(tampered));

    const second = run('--snapshots', snapshots, '--update');
    expect(second.output).toContain('nothing written');
    expect(readFileSync(frozen, 'utf8')).toBe(JSON.stringify(tampered));
    // The snapshot says "number only"; null in the current contract is a widening for receivers.
    expect(second.code).toBe(1);
    expect(second.output).toContain('field summary.score_pct: became nullable');
  }, 120_000);
});
