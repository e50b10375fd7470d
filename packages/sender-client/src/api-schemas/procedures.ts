import type { z } from 'zod';
import * as keys from './api-keys.js';
import * as deliveries from './deliveries.js';
import { endpointOutput } from './endpoint-fields.js';
import * as endpoints from './endpoints.js';
import * as events from './events.js';
import * as messages from './messages.js';
import * as portal from './portal.js';
import * as tenants from './tenants.js';

export type ProcedureType = 'query' | 'mutation';

export interface ProcedureSchemas<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  type: ProcedureType;
  input: I;
  output: O;
  /**
   * Whether sending the same call twice has the effect of sending it once. Only such calls are
   * repeated after an ambiguous failure (a 502/503/504 or a dropped connection may hide a success).
   */
  repeatable: boolean;
}

const query = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  ({ type: 'query', input, output, repeatable: true }) as const;
const mutation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, repeatable: boolean) =>
  ({ type: 'mutation', input, output, repeatable }) as const;
/**
 * An input whose fields are all optional may be left out altogether (`GET /trpc/endpoints.list`).
 * Applied here rather than to the exported schemas, which stay plain objects (`.shape`, `.extend`).
 */
const optionalInput = <S extends z.ZodObject>(schema: S) => schema.prefault({} as z.input<S>);

/**
 * Every procedure of the sender API with its input and output schema: the ONE definition both the
 * sender's tRPC router and this client are built from. `events.*` are repeatable because the
 * client always sends an idempotency key; creating things (endpoints, keys, test events) is not.
 */
export const apiProcedures = {
  'events.publish': mutation(events.eventsPublishInput, events.eventsPublishOutput, true),
  'events.publishBatch': mutation(events.eventsPublishBatchInput, events.eventsPublishBatchOutput, true),

  'tenants.create': mutation(tenants.tenantsCreateInput, tenants.tenantOutput, false),
  'tenants.get': query(optionalInput(tenants.tenantsGetInput), tenants.tenantOutput),
  'tenants.list': query(tenants.tenantsListInput, tenants.tenantsListOutput),
  'tenants.setEntitlement': mutation(tenants.tenantsSetEntitlementInput, tenants.tenantOutput, true),

  'endpoints.create': mutation(endpoints.endpointsCreateInput, endpoints.endpointsCreateOutput, false),
  'endpoints.list': query(optionalInput(endpoints.endpointsListInput), endpoints.endpointsListOutput),
  'endpoints.get': query(endpoints.endpointsGetInput, endpointOutput),
  'endpoints.update': mutation(endpoints.endpointsUpdateInput, endpointOutput, true),
  'endpoints.delete': mutation(endpoints.endpointsDeleteInput, endpoints.endpointsDeleteOutput, false),
  'endpoints.rotateSecret': mutation(
    endpoints.endpointsRotateSecretInput,
    endpoints.endpointsRotateSecretOutput,
    false,
  ),
  'endpoints.sendTest': mutation(endpoints.endpointsSendTestInput, endpoints.endpointsSendTestOutput, false),

  'messages.list': query(optionalInput(messages.messagesListInput), messages.messagesListOutput),
  'messages.get': query(messages.messagesGetInput, messages.messagesGetOutput),

  'deliveries.list': query(deliveries.deliveriesListInput, deliveries.deliveriesListOutput),
  'deliveries.get': query(deliveries.deliveriesGetInput, deliveries.deliveriesGetOutput),
  'deliveries.redeliver': mutation(deliveries.deliveriesRedeliverInput, deliveries.deliveryOutput, false),
  'deliveries.recover': mutation(
    deliveries.deliveriesRecoverInput,
    deliveries.deliveriesRecoverOutput,
    false,
  ),

  'apiKeys.create': mutation(keys.apiKeysCreateInput, keys.apiKeysCreateOutput, false),
  'apiKeys.list': query(optionalInput(keys.apiKeysListInput), keys.apiKeysListOutput),
  'apiKeys.revoke': mutation(keys.apiKeysRevokeInput, keys.apiKeysRevokeOutput, true),

  'portal.createLink': mutation(
    optionalInput(portal.portalCreateLinkInput),
    portal.portalCreateLinkOutput,
    false,
  ),
} as const satisfies Record<string, ProcedureSchemas>;

export type ApiProcedures = typeof apiProcedures;
export type ProcedurePath = keyof ApiProcedures;
/** What a caller sends (defaults optional, times as number or ISO string). */
export type ProcedureInput<P extends ProcedurePath> = z.input<ApiProcedures[P]['input']>;
/** What the sender answers. */
export type ProcedureOutput<P extends ProcedurePath> = z.output<ApiProcedures[P]['output']>;
