import type { z } from 'zod';
import { extensionV1 } from '../models/extension-v1/index.js';
import { familyActionsV1 } from '../models/family-actions-v1/index.js';
import { planBoundV2 } from '../models/plan-bound-v2/index.js';
import { planBoundV3 } from '../models/plan-bound-v3/index.js';
import { taskEventsV1 } from '../models/task-events-v1/index.js';
import { taskhooksOperationalV1 } from '../models/taskhooks-operational-v1/index.js';

/** Every published model, by id. The single registry all types, validation and docs derive from. */
export const models = {
  plan_bound_v2: planBoundV2,
  plan_bound_v3: planBoundV3,
  family_actions_v1: familyActionsV1,
  extension_v1: extensionV1,
  task_events_v1: taskEventsV1,
  taskhooks_operational_v1: taskhooksOperationalV1,
} as const;

export type Models = typeof models;
export type ModelId = keyof Models;
export type EventName<M extends ModelId> = Extract<keyof Models[M]['events'], string>;
export type EventSchemaOf<M extends ModelId, E extends EventName<M>> = Models[M]['events'][E];
/** The payload as validated and delivered (zod output). */
export type PayloadOf<M extends ModelId, E extends EventName<M>> = z.output<EventSchemaOf<M, E>>;
/** What a sender passes in before defaults are applied (zod input). */
export type PayloadInput<M extends ModelId, E extends EventName<M>> = z.input<EventSchemaOf<M, E>>;
/** Union of every event payload of a model, discriminated by `event`. */
export type AnyPayloadOf<M extends ModelId> = { [E in EventName<M>]: PayloadOf<M, E> }[EventName<M>];

export const modelIds = Object.keys(models) as ModelId[];

export function isModelId(value: unknown): value is ModelId {
  return typeof value === 'string' && Object.hasOwn(models, value);
}

export function getModel<M extends ModelId>(model: M): Models[M] {
  // Own keys only: "constructor" or "__proto__" must be unknown, not Object's own members.
  const definition = isModelId(model) ? models[model] : undefined;
  if (!definition) {
    throw new Error(`Unknown model "${String(model)}". Known models: ${modelIds.join(', ')}`);
  }
  return definition;
}

export function listEvents<M extends ModelId>(model: M): EventName<M>[] {
  return Object.keys(getModel(model).events) as EventName<M>[];
}

export function isEventOf<M extends ModelId>(model: M, event: unknown): event is EventName<M> {
  return typeof event === 'string' && Object.hasOwn(getModel(model).events, event);
}

export function getEventSchema<M extends ModelId, E extends EventName<M>>(
  model: M,
  event: E,
): EventSchemaOf<M, E> {
  const schema = isEventOf(model, event)
    ? (getModel(model).events as Record<string, z.ZodObject>)[event]
    : undefined;
  if (!schema) {
    throw new Error(
      `Unknown event "${event}" for model ${model}. Known events: ${listEvents(model).join(', ')}`,
    );
  }
  return schema as EventSchemaOf<M, E>;
}
