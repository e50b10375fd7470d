import {
  isModelId,
  type LineageName,
  latestModelOf,
  lineageNames,
  lineageOf,
  listEvents,
  type ModelId,
  modelIds,
} from '@taskhooks/contracts';
import { CliError, ExitCode, usageError } from '../exit-codes.js';

/** `--model`: a model id, or a family name (`plan_bound`) meaning its newest version. */
export function resolveModelOption(model: string): ModelId {
  if (isModelId(model)) return model;
  if ((lineageNames as readonly string[]).includes(model)) return latestModelOf(model as LineageName);
  throw usageError(`--model: unknown model "${model}"; known: ${[...modelIds, ...lineageNames].join(', ')}`);
}

/**
 * The model an event belongs to when --model is not given: the first registered version that has
 * it. An event name shared by unrelated models (task.completed) needs --model to say which.
 */
export function modelForEvent(event: string): ModelId {
  const candidates = modelIds.filter((model) => (listEvents(model) as string[]).includes(event));
  const first = candidates[0];
  if (first === undefined) {
    throw new CliError(
      `unknown event "${event}": no model defines it (e.g. plan.completed, task.created, chore.created)`,
      ExitCode.usage,
    );
  }
  const families = new Set(candidates.map((model) => lineageOf(model) ?? model));
  if (families.size > 1) {
    throw usageError(`"${event}" is an event of ${candidates.join(' and ')}: choose one with --model`);
  }
  return first;
}

/** The model of a `listen` endpoint: the first whose events every filter entry matches (default plan_bound_v2). */
export function modelForFilter(filter: readonly string[]): ModelId {
  const entries = filter.filter((entry) => entry !== '*');
  if (entries.length === 0) return 'plan_bound_v2';
  const matches = (model: ModelId, entry: string) =>
    (listEvents(model) as string[]).some((event) =>
      entry.endsWith('.*') ? event.startsWith(entry.slice(0, -1)) : event === entry,
    );
  const model = modelIds.find((candidate) => entries.every((entry) => matches(candidate, entry)));
  if (!model) {
    throw usageError(`--events: no single model has events matching ${entries.join(', ')}; pass --model`);
  }
  return model;
}
