import { apiProcedures as api } from '@taskhooks/sender-client';
import type { Message } from '../../store/types.js';
import { renderBodyForEndpoint } from '../../versions/model-routing.js';
import type { ApiContext, Caller } from '../context.js';
import { notFound, parsePayload } from '../schemas.js';
import { refuseWhenSendingOff } from '../sending-switch.js';
import { checkTimeRange } from '../time-range.js';
import { managementProcedure, router, scopeOf } from '../trpc.js';
import { toAttemptOutput, toDeliveryOutput } from './delivery-schemas.js';

/** Listing or recovering by endpoint first proves the caller may see the endpoint (else 404). */
async function requireEndpoint(ctx: ApiContext & { caller: Caller }, id: string) {
  const endpoint = await ctx.store.getEndpoint(id, scopeOf(ctx.caller));
  if (!endpoint) throw notFound('endpoint', 'endpointId', id);
  return endpoint;
}

export const deliveriesRouter = router({
  list: managementProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/api/endpoints/{endpointId}/deliveries',
        summary: 'An endpoint’s deliveries, newest first',
        tag: 'deliveries',
      },
    })
    .input(api['deliveries.list'].input)
    .output(api['deliveries.list'].output)
    .query(async ({ ctx, input }) => {
      checkTimeRange(input.since, input.until);
      const endpoint = await requireEndpoint(ctx, input.endpointId);
      const page = await ctx.store.listDeliveries({
        tenantId: endpoint.tenantId,
        endpointId: endpoint.id,
        state: input.status,
        event: input.event,
        since: input.since,
        until: input.until,
        cursor: input.cursor,
        limit: input.limit,
      });
      return { items: page.items.map(toDeliveryOutput), nextCursor: page.nextCursor };
    }),

  get: managementProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/api/deliveries/{deliveryId}',
        summary: 'A delivery with every attempt',
        tag: 'deliveries',
      },
    })
    .input(api['deliveries.get'].input)
    .output(api['deliveries.get'].output)
    .query(async ({ ctx, input }) => {
      const scope = scopeOf(ctx.caller);
      const delivery = await ctx.store.getDelivery(input.deliveryId, scope);
      if (!delivery) throw notFound('delivery', 'deliveryId', input.deliveryId);
      const [message, endpoint] = await Promise.all([
        ctx.store.getMessage(delivery.messageId, delivery.tenantId),
        ctx.store.getEndpoint(delivery.endpointId, delivery.tenantId),
      ]);
      return {
        ...toDeliveryOutput(delivery),
        payload: parsePayload(payloadAsSent(message, endpoint?.model)),
        attempts: delivery.attempts.map(toAttemptOutput),
      };
    }),

  redeliver: managementProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api/deliveries/{deliveryId}/redeliver',
        summary: 'Send a delivery again',
        tag: 'deliveries',
      },
    })
    .input(api['deliveries.redeliver'].input)
    .output(api['deliveries.redeliver'].output)
    .mutation(async ({ ctx, input }) => {
      refuseWhenSendingOff(ctx.management, 'send a delivery again');
      const delivery = await ctx.store.redeliver(input.deliveryId, ctx.now(), scopeOf(ctx.caller));
      if (!delivery) throw notFound('delivery', 'deliveryId', input.deliveryId);
      ctx.management.wakeWorkers();
      return toDeliveryOutput(delivery);
    }),

  recover: managementProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api/endpoints/{endpointId}/recover',
        summary: 'Re-send an endpoint’s failed deliveries since a time',
        tag: 'deliveries',
      },
    })
    .input(api['deliveries.recover'].input)
    .output(api['deliveries.recover'].output)
    .mutation(async ({ ctx, input }) => {
      refuseWhenSendingOff(ctx.management, 're-send failed deliveries');
      const endpoint = await requireEndpoint(ctx, input.endpointId);
      const requeued = await ctx.store.recoverFailed(endpoint.id, input.since, ctx.now(), endpoint.tenantId);
      if (requeued > 0) ctx.management.wakeWorkers();
      return { requeued };
    }),
});

/**
 * The payload as the endpoint receives it: rendered as its pinned model version (a v3 event goes
 * to a v2 endpoint as v2), so the delivery log shows the body that was sent. Rendered for the
 * version the endpoint is pinned to now: after a re-pin, earlier attempts went out as the old one
 * (attempts do not record it). The stored payload when the endpoint is gone or the rendering fails
 * (the attempt's error then says why).
 */
function payloadAsSent(message: Message | null, endpointModel: string | undefined): string | null {
  if (!message?.payloadJson || endpointModel === undefined) return message?.payloadJson ?? null;
  try {
    return renderBodyForEndpoint(endpointModel, message.model, message.payloadJson);
  } catch {
    return message.payloadJson;
  }
}
