import type { HeaderBag } from '../types.js';
import { trimHttpWhitespace } from './header-name.js';

function isHeadersLike(bag: object): bag is Headers {
  return typeof (bag as { get?: unknown }).get === 'function';
}

function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    // Node keeps repeated headers as arrays (e.g. headersDistinct); HTTP joins them with ", ".
    const parts = value.filter((part): part is string => typeof part === 'string');
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  return undefined;
}

/**
 * Case-insensitive lookup in Web `Headers` or a Node-style object. Values are trimmed like `Headers` does,
 * so both kinds of bag behave the same; empty values count as missing.
 */
export function readHeader(bag: HeaderBag, name: string): string | undefined {
  const lowerName = name.toLowerCase();
  let value: string | undefined;
  if (isHeadersLike(bag)) {
    value = bag.get(lowerName) ?? undefined;
  } else if (Object.hasOwn(bag, lowerName)) {
    value = stringValue(bag[lowerName]);
  } else {
    for (const key of Object.keys(bag)) {
      if (key.toLowerCase() === lowerName) {
        value = stringValue(bag[key]);
        break;
      }
    }
  }
  const trimmed = value === undefined ? '' : trimHttpWhitespace(value);
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Every header of a bag as one flat object: lower-case names, repeated values joined with ", ",
 * empty values kept. Web `Headers` are recognised by shape, not class, like readHeader does, so
 * a polyfill's or another realm's Headers is listed too.
 */
export function flattenHeaders(bag: HeaderBag): Record<string, string> {
  const flat: Record<string, string> = {};
  if (isHeadersLike(bag)) {
    const entries = bag as { forEach?: (visit: (value: string, name: string) => void) => void };
    entries.forEach?.((value, name) => {
      const lower = name.toLowerCase();
      flat[lower] = flat[lower] === undefined ? value : `${flat[lower]}, ${value}`;
    });
    return flat;
  }
  for (const [rawName, raw] of Object.entries(bag)) {
    const value = stringValue(raw);
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    flat[name] = flat[name] === undefined ? value : `${flat[name]}, ${value}`;
  }
  return flat;
}
