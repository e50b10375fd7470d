import { compareSchemas } from './compare-schemas.js';
import type { SchemaChangeKind } from './schema-change.js';
import type { SchemaNode } from './schema-node.js';

/** Event schemas by model id and event name: the frozen snapshots, or what the code emits now. */
export type SchemaCatalog = Record<string, Record<string, SchemaNode>>;

export type CompatFindingKind =
  | SchemaChangeKind
  | 'model_removed'
  | 'event_removed'
  | 'event_added'
  | 'not_frozen';

export interface CompatFinding {
  model: string;
  event?: string;
  /** Field path inside the event payload, when the finding is about a field. */
  path?: string;
  kind: CompatFindingKind;
  /**
   * `breaking`: receivers of the published model may break. `not_frozen`: a registered model
   * has no snapshot yet. `compatible`: allowed evolution, reported for the record.
   */
  severity: 'breaking' | 'not_frozen' | 'compatible';
  detail: string;
}

/**
 * Compares every published (snapshotted) model with the current catalog. Models only in the
 * current catalog are reported as not frozen, so a new version cannot ship without its snapshot.
 */
export function compareCatalogs(published: SchemaCatalog, current: SchemaCatalog): CompatFinding[] {
  const findings: CompatFinding[] = [];
  for (const [model, publishedEvents] of Object.entries(published)) {
    const currentEvents = current[model];
    if (!currentEvents) {
      findings.push({
        model,
        kind: 'model_removed',
        severity: 'breaking',
        detail: 'model removed (receivers pinned to it would get nothing)',
      });
      continue;
    }
    for (const [event, schema] of Object.entries(publishedEvents)) {
      const now = currentEvents[event];
      if (!now) {
        findings.push({
          model,
          event,
          kind: 'event_removed',
          severity: 'breaking',
          detail: 'event removed (receivers handle it and would never get it again)',
        });
        continue;
      }
      for (const change of compareSchemas(schema, now)) {
        findings.push({
          model,
          event,
          path: change.path,
          kind: change.kind,
          severity: change.breaking ? 'breaking' : 'compatible',
          detail: change.detail,
        });
      }
    }
    for (const event of Object.keys(currentEvents)) {
      if (publishedEvents[event]) continue;
      findings.push({
        model,
        event,
        kind: 'event_added',
        severity: 'breaking',
        detail:
          'new event in a published model (every endpoint on this model would start getting an event its receivers were never told about)',
      });
    }
  }
  for (const model of Object.keys(current)) {
    if (published[model]) continue;
    findings.push({
      model,
      kind: 'not_frozen',
      severity: 'not_frozen',
      detail: 'registered but has no snapshot in schema-snapshots/',
    });
  }
  return findings;
}

/**
 * One line per finding, e.g. `plan_bound_v2 plan.failed: field summary.score_pct: nullability
 * removed (null was allowed) — receivers written against the published schema may break;
 * publish a new model id instead`.
 */
export function formatFinding(finding: CompatFinding): string {
  const where = [finding.model, finding.event].filter(Boolean).join(' ');
  const field =
    finding.path === undefined ? '' : `${finding.path === '(root)' ? 'payload' : `field ${finding.path}`}: `;
  const line = `${where}: ${field}${finding.detail}`;
  switch (finding.severity) {
    case 'breaking':
      return `${line} — receivers written against the published schema may break; publish a new model id instead`;
    case 'not_frozen':
      return `${line} — run \`pnpm --filter @taskhooks/contracts compat:update\` to freeze it, then commit schema-snapshots/`;
    default:
      return `${line} (compatible)`;
  }
}

/** True when the gate must fail: any breaking change or any registered model without snapshot. */
export function gateFails(findings: readonly CompatFinding[]): boolean {
  return findings.some((finding) => finding.severity !== 'compatible');
}
