import { schemaId } from '../../json-schema/to-json-schema.js';
import { type EventName, isEventOf, type ModelId } from '../../registry/registry.js';
import { type DeprecationNotice, deprecationOf } from './lifecycle.js';

/**
 * HTTP headers announcing a deprecation on a delivery: `Deprecation` as a structured date
 * (`@<unix seconds>`, RFC 9745), `Sunset` as an HTTP-date (RFC 8594), and a `Link` to the
 * successor version's schema. Empty when nothing is deprecated, so senders can always spread it.
 */
export function deprecationHeaders<M extends ModelId>(
  model: M,
  event?: EventName<M>,
): Record<string, string> {
  return headersFor(deprecationOf(model, event));
}

export function headersFor(notice: DeprecationNotice | undefined): Record<string, string> {
  if (!notice) return {};
  const headers: Record<string, string> = {
    Deprecation: `@${Math.floor(utcMidnight(notice.deprecatedSince) / 1000)}`,
  };
  if (notice.sunset !== undefined) headers.Sunset = new Date(utcMidnight(notice.sunset)).toUTCString();
  if (notice.successor) headers.Link = `<${successorSchemaUrl(notice)}>; rel="successor-version"`;
  return headers;
}

function successorSchemaUrl(notice: DeprecationNotice): string {
  const successor = notice.successor as ModelId;
  if (notice.event !== undefined && isEventOf(successor, notice.event))
    return schemaId(successor, notice.event);
  return `https://taskhooks.dev/schemas/${successor}.bundle.schema.json`;
}

function utcMidnight(isoDate: string): number {
  const millis = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(millis))
    throw new Error(`Invalid deprecation date ${JSON.stringify(isoDate)}; expected YYYY-MM-DD`);
  return millis;
}
