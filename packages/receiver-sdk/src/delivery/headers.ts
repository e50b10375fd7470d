import { flattenHeaders, type HeaderBag, redactHeaders, type SchemeConfig } from '@taskhooks/signatures';
import type { DeliveryHeaders } from './delivery.js';

/**
 * The headers handlers see: lower-case names, repeated values joined with ", ", and credential
 * values (auth, API key, cookie, the scheme's signature/token headers) replaced by "[redacted]",
 * so logging a delivery never logs a secret.
 */
export function handlerHeaders(bag: HeaderBag, scheme: SchemeConfig): DeliveryHeaders {
  return Object.freeze(redactHeaders(flattenHeaders(bag), scheme));
}
