import type { CatalogModel } from '../catalog/catalog.js';
import { diffEventSchemas, type FieldChange } from './diff-schemas.js';

export interface EventDiff {
  event: string;
  changes: FieldChange[];
}

/** What changed between two versions of a model, event by event. */
export interface ModelDiff {
  from: string;
  to: string;
  addedEvents: string[];
  removedEvents: string[];
  changedEvents: EventDiff[];
  unchangedEvents: string[];
}

export function diffModels(from: CatalogModel, to: CatalogModel): ModelDiff {
  const before = new Map(from.events.map((e) => [e.name, e]));
  const after = new Map(to.events.map((e) => [e.name, e]));
  const diff: ModelDiff = {
    from: from.id,
    to: to.id,
    addedEvents: [],
    removedEvents: [],
    changedEvents: [],
    unchangedEvents: [],
  };
  for (const [name, event] of after) {
    const previous = before.get(name);
    if (!previous) {
      diff.addedEvents.push(name);
      continue;
    }
    const changes = diffEventSchemas(previous.jsonSchema, event.jsonSchema);
    if (changes.length > 0) diff.changedEvents.push({ event: name, changes });
    else diff.unchangedEvents.push(name);
  }
  for (const name of before.keys()) if (!after.has(name)) diff.removedEvents.push(name);
  return diff;
}
