import type { Catalog } from '../catalog/catalog.js';
import { schemeGuides } from '../guides/schemes.js';
import { otherGuides } from '../html/layout.js';
import { sitePaths } from '../html/links.js';

export type SearchKind = 'model' | 'event' | 'field' | 'guide';

/** One search hit; `url` is relative to the site root. Short keys keep the index small. */
export interface SearchEntry {
  /** kind */
  k: SearchKind;
  /** title: model title, event name, field path or guide title */
  t: string;
  /** model id, when there is one */
  m?: string;
  /** event name, for fields: the first event of the model that has this field */
  e?: string;
  /** for fields: how many more events of the model have the same field path */
  x?: number;
  /** url */
  u: string;
  /** text searched and shown under the title */
  d: string;
}

export interface SearchIndex {
  version: 1;
  entries: SearchEntry[];
}

const MAX_TEXT = 180;

export function buildSearchIndex(catalog: Catalog): SearchIndex {
  const entries: SearchEntry[] = [];
  const fieldEntries = new Map<string, SearchEntry>();
  for (const model of catalog.models) {
    entries.push({
      k: 'model',
      t: model.title,
      m: model.id,
      u: sitePaths.model(model.id),
      d: clip(model.description),
    });
    for (const event of model.events) {
      entries.push({
        k: 'event',
        t: event.name,
        m: model.id,
        u: sitePaths.event(model.id, event.name),
        d: clip(event.description),
      });
      for (const field of event.fields) {
        // tasks[].id appears in every plan event: one entry per (model, path) keeps the index small.
        const key = `${model.id} ${field.path}`;
        const existing = fieldEntries.get(key);
        if (existing) {
          existing.x = (existing.x ?? 0) + 1;
          continue;
        }
        const entry: SearchEntry = {
          k: 'field',
          t: field.path,
          m: model.id,
          e: event.name,
          u: `${sitePaths.event(model.id, event.name)}#field-${field.path}`,
          d: clip(field.description),
        };
        fieldEntries.set(key, entry);
        entries.push(entry);
      }
    }
  }
  for (const guide of schemeGuides)
    entries.push({
      k: 'guide',
      t: `Delivery: ${guide.title}`,
      u: sitePaths.guide(guide.slug),
      d: clip(guide.summary),
    });
  for (const guide of otherGuides)
    entries.push({ k: 'guide', t: guide.title, u: sitePaths.guide(guide.slug), d: '' });
  return { version: 1, entries };
}

function clip(text: string): string {
  const plain = text.replaceAll('`', '');
  return plain.length <= MAX_TEXT ? plain : `${plain.slice(0, MAX_TEXT - 1).trimEnd()}…`;
}
