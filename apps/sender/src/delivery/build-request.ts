import { REDACTED, redactHeaders, type SchemeConfig, signRequest } from '@taskhooks/signatures';
import type { ClaimedDelivery, StoredScheme } from '../store/types.js';
import { renderBodyForEndpoint, versionHeadersFor } from '../versions/model-routing.js';
import { validateCustomHeaders } from './custom-headers.js';
import type { OutboundRequest } from './http-dispatch.js';
import { schemeHeaderNames } from './scheme-headers.js';
import type { ResolvedSecrets } from './secrets-resolver.js';

export const SENDER_VERSION = '0.1.0';
export const DEFAULT_USER_AGENT = `taskhooks/${SENDER_VERSION}`;

export interface BuildRequestInput {
  claimed: ClaimedDelivery;
  resolved: ResolvedSecrets;
  /** Attempt time in ms; the signature timestamp is taken from it. */
  now: number;
  userAgent?: string;
}

export interface BuiltRequest {
  request: OutboundRequest;
  /** The headers as sent, with signatures, tokens and every custom header value redacted (for the attempt log). */
  redactedHeaders: Record<string, string>;
}

export class UndeliverableMessageError extends Error {
  constructor(messageId: string) {
    super(`message ${messageId} has no payload any more (purged by retention)`);
    this.name = 'UndeliverableMessageError';
  }
}

/**
 * Assembles one attempt: the stored payload bytes (unchanged, or rendered as the endpoint's pinned
 * model version), our fixed headers (plus Deprecation/Sunset when that version is deprecated), the endpoint's
 * custom headers, then the scheme's signature headers (which nothing else may override).
 * `webhook-id` is the message id on every scheme and every retry, so receivers can de-duplicate.
 */
export async function buildRequest(input: BuildRequestInput): Promise<BuiltRequest> {
  const { delivery, message, endpoint } = input.claimed;
  if (message.payloadJson === null) throw new UndeliverableMessageError(message.id);
  // One published event, rendered as the version this endpoint pinned (v3 → v2, …).
  const body = renderBodyForEndpoint(endpoint.model, message.model, message.payloadJson);
  const scheme = toSchemeConfig(endpoint.scheme, input.resolved.headers);
  // For header-auth these are the scheme's auth headers too; signRequest returns the same values.
  const custom = validateCustomHeaders(input.resolved.headers, {
    reservedNames: schemeHeaderNames(endpoint.scheme),
  });
  const signed = await signRequest({
    scheme,
    id: message.id,
    timestamp: Math.floor(input.now / 1000),
    event: delivery.event,
    body,
    secrets: input.resolved.secrets,
  });

  const headers = mergeHeaders(
    {
      'content-type': 'application/json',
      'user-agent': input.userAgent ?? DEFAULT_USER_AGENT,
      'webhook-id': message.id,
      ...versionHeadersFor(endpoint.model, delivery.event),
    },
    custom,
    signed,
  );
  const customNames = new Set(Object.keys(input.resolved.headers).map((n) => n.toLowerCase()));
  const redacted = redactHeaders(headers, scheme);
  for (const name of Object.keys(redacted))
    if (customNames.has(name.toLowerCase())) redacted[name] = REDACTED;

  return {
    request: { method: endpoint.method, url: endpoint.url, headers, body },
    redactedHeaders: redacted,
  };
}

function toSchemeConfig(stored: StoredScheme, headers: Record<string, string>): SchemeConfig {
  return stored.scheme === 'header-auth' ? { scheme: 'header-auth', headers } : stored;
}

/** Later layers win, case-insensitively; the name keeps the casing of the layer that set it. */
function mergeHeaders(...layers: Array<Record<string, string>>): Record<string, string> {
  const byLowerName = new Map<string, [string, string]>();
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) byLowerName.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(byLowerName.values());
}
