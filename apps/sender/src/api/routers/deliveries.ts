import { z } from 'zod';
import type { ApiContext, Caller } from '../context.js';
import { idSchema, nextCursorOutput, notFound, pageInput, parsePayload, timeInput } from '../schemas.js';
import { managementProcedure, router, scopeOf } from '../trpc.js';
import {
  attemptOutput,
  deliveryOutput,
  deliveryStateSchema,
  toAttemptOutput,
  toDeliveryOutput,
} from './delivery-schemas.js';

const endpointId = idSchema('endpoint');
const deliveryId = idSchema('delivery');

/** Listing or recovering by endpoint first proves the caller may see the endpoint (else 404). */
async function requireEndpoint(ctx: ApiContext & { caller: Caller }, id: string) {
  const endpoint = await ctx.store.getEndpoint(id, scopeOf(ctx.caller));
  if (!endpoint) throw notFound('endpoint', 'endpointId', id);
  return endpoint;
}

export const deliveriesRouter = router({
  list: managementProcedure
    .input(
      z.object({
        endpointId,
        status: deliveryStateSchema.optional().describe('Only deliveries in this state.'),
        event: z.string().min(1).optional().describe('Only this event name.'),
        since: timeInput('Created at or after').optional(),
        until: timeInput('Created before').optional(),
        ...pageInput,
      }),
    )
    .output(
      z.object({ items: z.array(deliveryOutput).describe('Newest first.'), nextCursor: nextCursorOutput }),
    )
    .query(async ({ ctx, input }) => {
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
    .input(z.object({ deliveryId }))
    .output(
      deliveryOutput.extend({
        payload: z.unknown().describe('The payload sent (null once purged by retention).'),
        attempts: z.array(attemptOutput).describe('Every attempt, first to last.'),
      }),
    )
    .query(async ({ ctx, input }) => {
      const scope = scopeOf(ctx.caller);
      const delivery = await ctx.store.getDelivery(input.deliveryId, scope);
      if (!delivery) throw notFound('delivery', 'deliveryId', input.deliveryId);
      const message = await ctx.store.getMessage(delivery.messageId, delivery.tenantId);
      return {
        ...toDeliveryOutput(delivery),
        payload: parsePayload(message?.payloadJson ?? null),
        attempts: delivery.attempts.map(toAttemptOutput),
      };
    }),

  redeliver: managementProcedure
    .input(z.object({ deliveryId }))
    .output(deliveryOutput)
    .mutation(async ({ ctx, input }) => {
      const delivery = await ctx.store.redeliver(input.deliveryId, ctx.now(), scopeOf(ctx.caller));
      if (!delivery) throw notFound('delivery', 'deliveryId', input.deliveryId);
      ctx.management.wakeWorkers();
      return toDeliveryOutput(delivery);
    }),

  recover: managementProcedure
    .input(z.object({ endpointId, since: timeInput('Re-send failed deliveries created at or after') }))
    .output(z.object({ requeued: z.number().int().describe('Failed deliveries queued again.') }))
    .mutation(async ({ ctx, input }) => {
      const endpoint = await requireEndpoint(ctx, input.endpointId);
      const requeued = await ctx.store.recoverFailed(endpoint.id, input.since, ctx.now(), endpoint.tenantId);
      if (requeued > 0) ctx.management.wakeWorkers();
      return { requeued };
    }),
});
