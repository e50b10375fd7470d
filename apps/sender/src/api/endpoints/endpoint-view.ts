import type { endpointOutput } from '@taskhooks/sender-client';
import type { z } from 'zod';
import { activeSecrets, openSecrets, secretHint } from '../../auth/endpoint-secrets.js';
import type { Endpoint } from '../../store/types.js';
import type { ManagementServices } from '../context.js';

/**
 * The API face of an endpoint: header names and secret fingerprints only. Opening the sealed
 * record here is what lets the answer say which secret is current without ever containing it.
 */
export function toEndpointView(
  endpoint: Endpoint,
  services: ManagementServices,
  now: number,
): z.output<typeof endpointOutput> {
  const opened = activeSecrets(
    openSecrets(services.secretBox, endpoint.id, endpoint.secretsSealed, {
      acceptLegacyPlainJson: services.acceptLegacyPlainSecrets,
    }),
    now,
  );
  const [current, ...previous] = opened.secrets;
  return {
    id: endpoint.id,
    tenantId: endpoint.tenantId,
    url: endpoint.url,
    method: endpoint.method,
    description: endpoint.description,
    model: endpoint.model,
    events: endpoint.eventFilter,
    scheme: endpoint.scheme,
    headerNames: Object.keys(opened.headers),
    secretHint: current ? secretHint(current.value) : null,
    previousSecrets: previous.map((s) => ({ hint: secretHint(s.value), expiresAt: s.expiresAt ?? null })),
    retryPolicy: endpoint.retryPolicy,
    timeoutMs: endpoint.timeoutMs,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    failingSince: endpoint.failingSince,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}
