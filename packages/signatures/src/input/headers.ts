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
