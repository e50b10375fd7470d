import type { Deprecation } from '../../registry/define-model.js';
import { type EventName, getModel, isEventOf, type ModelId } from '../../registry/registry.js';
import { successorOf } from '../lineage/lineage.js';

/**
 * Lifecycle of published models, kept apart from the model definitions so a frozen model's
 * files (and its generated JSON Schemas) stay untouched when it is deprecated. A definition's own
 * `deprecation`/`eventDeprecations` work too; a model must not use both places (tested).
 */
export const modelLifecycle: {
  readonly [M in ModelId]?: {
    readonly deprecation?: Deprecation;
    readonly eventDeprecations?: Partial<Record<EventName<M>, Deprecation>>;
  };
} = {
  plan_bound_v2: {
    deprecation: {
      deprecatedSince: '2026-11-23',
      sunset: '2027-11-23',
      replacement:
        'Move to plan_bound_v3 (same events plus a dedupe id, tenant_id, RFC 3339 timestamps with offset and family.timezone); until then, endpoints pinned to plan_bound_v2 keep getting v2 payloads rendered from v3.',
    },
  },
};

/** A deprecation as it applies to one delivery: where it was declared and what replaces it. */
export interface DeprecationNotice extends Deprecation {
  model: ModelId;
  /** Set when the deprecation is declared for the event itself rather than its whole model. */
  event?: string;
  scope: 'model' | 'event';
  /** The next version in the model's lineage, when there is one. */
  successor?: ModelId;
}

/**
 * The deprecation that applies to a model, or to one of its events (an event's own deprecation
 * wins over its model's). Undefined when neither is deprecated. Senders turn it into
 * `Deprecation`/`Sunset` headers (deprecationHeaders); docs show it next to the model.
 */
export function deprecationOf<M extends ModelId>(
  model: M,
  event?: EventName<M>,
): DeprecationNotice | undefined {
  const definition = getModel(model);
  const lifecycle = modelLifecycle[model] as
    | { deprecation?: Deprecation; eventDeprecations?: Partial<Record<string, Deprecation>> }
    | undefined;
  const successor = successorOf(model);
  const withSuccessor = successor ? { successor } : {};
  if (event !== undefined) {
    if (!isEventOf(model, event)) {
      throw new Error(`Unknown event "${String(event)}" for model ${model}`);
    }
    const eventDeprecations = definition.eventDeprecations as
      | Partial<Record<string, Deprecation>>
      | undefined;
    const own = lifecycle?.eventDeprecations?.[event] ?? eventDeprecations?.[event];
    if (own) return { ...own, model, event, scope: 'event', ...withSuccessor };
  }
  const modelLevel = lifecycle?.deprecation ?? definition.deprecation;
  if (!modelLevel) return undefined;
  return {
    ...modelLevel,
    model,
    ...(event === undefined ? {} : { event }),
    scope: 'model',
    ...withSuccessor,
  };
}

export type LifecycleState = 'active' | 'deprecated' | 'sunset';

/** Where a model (or event) stands on a date: sunset from its sunset date on (UTC days). */
export function lifecycleStateAt<M extends ModelId>(
  model: M,
  at: Date,
  event?: EventName<M>,
): LifecycleState {
  const notice = deprecationOf(model, event);
  if (!notice) return 'active';
  const day = at.toISOString().slice(0, 10);
  if (notice.sunset !== undefined && day >= notice.sunset) return 'sunset';
  return day >= notice.deprecatedSince ? 'deprecated' : 'active';
}
