import type { z } from 'zod';
import type { ContractIssue } from '../parse/contract-error.js';

/** Lifecycle of a model version or of one event in it; shown in docs and in delivery headers. */
export interface Deprecation {
  /** ISO date (YYYY-MM-DD) from which new integrations should not adopt it. */
  deprecatedSince: string;
  /** ISO date (YYYY-MM-DD) after which senders stop emitting it. */
  sunset?: string;
  /** What to move to, in a sentence. */
  replacement?: string;
}

/** Every event payload is a strict zod object whose `event` field is the event name as a literal. */
export type EventSchema = z.ZodObject;

export interface ModelDefinition<
  Id extends string = string,
  Events extends Record<string, EventSchema> = Record<string, EventSchema>,
> {
  /** Stable model id, e.g. `plan_bound_v2`. A published id never changes shape incompatibly. */
  readonly id: Id;
  /** Human title for docs. */
  readonly title: string;
  /** What the catalog covers and where its events come from. */
  readonly description: string;
  /** Name of the field that carries the event name (every catalog uses `event`). */
  readonly eventField: 'event';
  /** Event name -> full payload schema. */
  readonly events: Events;
  /**
   * Top-level field, in every event of the model, holding the event's own uuid: identical on every
   * delivery of that event, so receivers deduplicate on it. Tools that publish an example more than
   * once (a test send, `taskhooks trigger`) give each published event a fresh one.
   */
  readonly eventIdField?: 'id';
  /**
   * Top-level field, in every event of the model, naming the tenant that published the event. A
   * sender fills it with the publishing tenant when it is left out and refuses any other value, so
   * a receiver serving several tenants can trust it to scope its work and its deduplication.
   */
  readonly tenantIdField?: 'tenant_id';
  readonly deprecation?: Deprecation;
  readonly eventDeprecations?: Partial<Record<keyof Events & string, Deprecation>>;
  /**
   * Cross-field rules a JSON Schema cannot express (e.g. summary counts match the task list).
   * Run on schema-valid payloads by `validateOutgoing`; kept out of the zod schema so zod and
   * the generated JSON Schema accept exactly the same documents.
   */
  invariants?(payload: { [E in keyof Events]: z.output<Events[E]> }[keyof Events]): ContractIssue[];
}

/**
 * Declares a versioned payload model. Checks at definition time that each event schema's
 * `event` literal matches its key, so a typo in a catalog fails on import, not in production.
 */
export function defineModel<const Id extends string, const Events extends Record<string, EventSchema>>(
  definition: Omit<ModelDefinition<Id, Events>, 'eventField'>,
): ModelDefinition<Id, Events> {
  for (const [name, schema] of Object.entries(definition.events)) {
    const eventField = schema.shape.event as z.ZodType | undefined;
    const literal =
      eventField?._zod.def.type === 'literal'
        ? (eventField._zod.def as unknown as { values: unknown[] }).values
        : [];
    if (literal.length !== 1 || literal[0] !== name) {
      throw new Error(
        `defineModel(${definition.id}): the schema registered as "${name}" must have \`event: z.literal('${name}')\`, found ${JSON.stringify(literal)}`,
      );
    }
    if (definition.eventIdField !== undefined && !(definition.eventIdField in schema.shape)) {
      throw new Error(
        `defineModel(${definition.id}): eventIdField is "${definition.eventIdField}" but the schema registered as "${name}" has no such field`,
      );
    }
    if (definition.tenantIdField !== undefined && !(definition.tenantIdField in schema.shape)) {
      throw new Error(
        `defineModel(${definition.id}): tenantIdField is "${definition.tenantIdField}" but the schema registered as "${name}" has no such field`,
      );
    }
  }
  return { ...definition, eventField: 'event' };
}
