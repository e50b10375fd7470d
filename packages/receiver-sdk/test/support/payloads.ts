import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventMetadata, getEventSchema } from '@taskhooks/contracts';

const fixtureUrl = new URL(
  '../../../contracts/src/models/plan-bound-v2/__fixtures__/seed-000-example.json',
  import.meta.url,
);

/** The full plan.failed example from the plan_bound_v2 documentation (seed 000). */
export function planFailedExample(): Record<string, unknown> {
  return JSON.parse(readFileSync(fileURLToPath(fixtureUrl), 'utf8')) as Record<string, unknown>;
}

/** The first documented example of a task_events_v1 event, from the contract's own metadata. */
export function taskEventExample(
  event: 'task.created' | 'task.deleted' | 'task.completed',
): Record<string, unknown> {
  const [example] = eventMetadata(getEventSchema('task_events_v1', event)).examples;
  return structuredClone(example) as Record<string, unknown>;
}

/** The first documented example of an extension_v1 event (carries a uuid `id`, the dedupe key). */
export function extensionExample(event: 'lock.frozen' | 'dice.rolled'): Record<string, unknown> {
  const [example] = eventMetadata(getEventSchema('extension_v1', event)).examples;
  return structuredClone(example) as Record<string, unknown>;
}
