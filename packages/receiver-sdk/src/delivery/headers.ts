import { type HeaderBag, redactHeaders, type SchemeConfig } from '@taskhooks/signatures';
import type { DeliveryHeaders } from './delivery.js';

/**
 * The headers handlers see: lower-case names, repeated values joined with ", ", and credential
 * values (auth, API key, cookie, the scheme's signature/token headers) replaced by "[redacted]",
 * so logging a delivery never logs a secret.
 */
export function handlerHeaders(bag: HeaderBag, scheme: SchemeConfig): DeliveryHeaders {
  const flat: Record<string, string> = {};
  if (isHeaders(bag)) {
    bag.forEach((value, name) => {
      flat[name] = value;
    });
  } else {
    for (const [rawName, value] of Object.entries(bag)) {
      if (value === undefined) continue;
      const name = rawName.toLowerCase();
      const joined = Array.isArray(value) ? value.join(', ') : String(value);
      flat[name] = flat[name] === undefined ? joined : `${flat[name]}, ${joined}`;
    }
  }
  return Object.freeze(redactHeaders(flat, scheme));
}

function isHeaders(bag: HeaderBag): bag is Headers {
  return typeof Headers !== 'undefined' && bag instanceof Headers;
}
