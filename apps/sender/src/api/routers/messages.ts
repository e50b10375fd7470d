import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../store/shared/cursor.js';
import type { Message } from '../../store/types.js';
import {
  epochMs,
  idSchema,
  nextCursorOutput,
  notFound,
  pageInput,
  parsePayload,
  tenantIdInput,
  timeInput,
} from '../schemas.js';
import { managementProcedure, resolveTenantId, router, scopeOf } from '../trpc.js';
import { deliveryOutput, toDeliveryOutput } from './delivery-schemas.js';

const messageOutput = z
  .object({
    id: z.string().describe('Message id (also the `webhook-id` header of every delivery).'),
    tenantId: z.string().describe('Owning tenant.'),
    model: z.string().describe('Payload model.'),
    event: z.string().describe('Event name.'),
    idempotencyKey: z.string().nullable().describe('The idempotency key it was published with, if any.'),
    payloadPurged: z.boolean().describe('True once retention removed the payload.'),
    createdAt: epochMs('Published at'),
  })
  .describe('A published event.');

const toOutput = (m: Message): z.output<typeof messageOutput> => ({
  id: m.id,
  tenantId: m.tenantId,
  model: m.model,
  event: m.event,
  idempotencyKey: m.idempotencyKey,
  payloadPurged: m.payloadJson === null,
  createdAt: m.createdAt,
});

export const messagesRouter = router({
  list: managementProcedure
    .input(
      z.object({
        tenantId: tenantIdInput,
        event: z.string().min(1).optional().describe('Only this event name.'),
        since: timeInput('Published at or after').optional(),
        until: timeInput('Published before').optional(),
        ...pageInput,
      }),
    )
    .output(
      z.object({ items: z.array(messageOutput).describe('Newest first.'), nextCursor: nextCursorOutput }),
    )
    .query(async ({ ctx, input }) => {
      const tenantId = resolveTenantId(ctx.caller, input.tenantId);
      const page = await ctx.store.listMessages({
        tenantId,
        event: input.event,
        since: input.since,
        until: input.until,
        cursor: input.cursor,
        limit: input.limit,
      });
      return { items: page.items.map(toOutput), nextCursor: page.nextCursor };
    }),

  get: managementProcedure
    .input(z.object({ messageId: idSchema('message') }))
    .output(
      messageOutput.extend({
        payload: z.unknown().describe('The payload exactly as delivered (null once purged).'),
        deliveries: z.array(deliveryOutput).describe('Its deliveries, one per endpoint, newest first.'),
      }),
    )
    .query(async ({ ctx, input }) => {
      const scope = scopeOf(ctx.caller);
      const message = await ctx.store.getMessage(input.messageId, scope);
      if (!message) throw notFound('message', 'messageId', input.messageId);
      const deliveries = await ctx.store.listDeliveries({
        tenantId: message.tenantId,
        messageId: message.id,
        limit: MAX_PAGE_SIZE,
      });
      return {
        ...toOutput(message),
        payload: parsePayload(message.payloadJson),
        deliveries: deliveries.items.map(toDeliveryOutput),
      };
    }),
});
