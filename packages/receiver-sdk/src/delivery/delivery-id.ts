import type { WebhookBody } from '@taskhooks/signatures';

const encoder = new TextEncoder();

/**
 * The key a retry of the same delivery shares: the signed id header, else the payload's own
 * `id` (seed 002 documents it as the dedupe key), else a hash of the raw body, since a sender
 * without ids retries byte-identical bodies.
 */
export function deliveryIdOf(
  headerId: string | undefined,
  json: unknown,
  body: WebhookBody,
): string | Promise<string> {
  // Synchronous when an id is at hand: this runs on every delivery.
  if (headerId) return headerId;
  const payloadId = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  if (typeof payloadId === 'string' && payloadId !== '') return payloadId;
  if (typeof payloadId === 'number' && Number.isFinite(payloadId)) return String(payloadId);
  return bodyHashId(body);
}

async function bodyHashId(body: WebhookBody): Promise<string> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return `sha256:${hex}`;
}
