import { z } from 'zod';
import { DATE_TIME_WITH_OFFSET, formatError } from '../shared/format-error.js';
import { actorSchema, type FamilyActionsActor } from './actor.js';

export const FAMILY_ACTIONS_MODEL_ID = 'family_actions_v1';

export const familyRefSchema = z
  .strictObject({
    id: z.string().min(1).max(128).describe('Id of the family (tenant) the action happened in.'),
  })
  .describe('The family the event belongs to; every event is scoped to exactly one family.');

interface EventDocs {
  /** What triggers the event, in our words. */
  description: string;
  examples: unknown[];
}

/**
 * One family_actions_v1 event: the shared envelope around an event-specific `data` object.
 * Every event of the catalog is built here so the envelope cannot drift between events.
 */
export function familyActionEvent<const Name extends string, Data extends z.ZodObject>(
  name: Name,
  data: Data,
  docs: EventDocs,
) {
  return z
    .strictObject({
      id: z
        .uuid()
        .describe('Unique id of this event; the same on every delivery retry, so use it to deduplicate.'),
      event: z.literal(name).describe('Event name, `<domain>.<past_tense_action>`.'),
      model: z.literal(FAMILY_ACTIONS_MODEL_ID).describe('Contract model id and version of this payload.'),
      occurred_at: z.iso
        .datetime({ offset: true, error: formatError(DATE_TIME_WITH_OFFSET) })
        .describe('When the action happened in the family app (ISO 8601 with `Z` or an offset).'),
      family: familyRefSchema,
      actor: actorSchema,
      data,
    })
    .meta({ title: name, ...docs });
}

export const exampleFamilyId = 'fam_c7k2m9q4';
export const exampleParent: FamilyActionsActor = { id: 'usr_p81xk2', role: 'parent', display_name: 'Mum' };
export const exampleChild: FamilyActionsActor = { id: 'usr_c55ha7', role: 'child', display_name: 'Ellie' };
export const exampleSystem: FamilyActionsActor = { id: 'system:streak-job', role: 'system' };

/** A full example payload; `n` makes each example's event id unique and stable. */
export function familyExample(
  n: number,
  event: string,
  data: Record<string, unknown>,
  options: { actor?: FamilyActionsActor; occurredAt?: string } = {},
) {
  return {
    id: `5d1e8f0a-3b7c-4a2d-9e6f-${n.toString(16).padStart(12, '0')}`,
    event,
    model: FAMILY_ACTIONS_MODEL_ID,
    occurred_at: options.occurredAt ?? '2026-03-07T09:30:00.000+00:00',
    family: { id: exampleFamilyId },
    actor: options.actor ?? exampleParent,
    data,
  };
}
