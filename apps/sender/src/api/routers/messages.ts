import { apiProcedures as api, type messageOutput } from '@taskhooks/sender-client';
import type { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../store/shared/cursor.js';
import type { Message } from '../../store/types.js';
import { notFound, parsePayload } from '../schemas.js';
import { checkTimeRange } from '../time-range.js';
import { managementProcedure, resolveExistingTenantId, router, scopeOf } from '../trpc.js';
import { toDeliveryOutput } from './delivery-schemas.js';

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
    .meta({
      rest: {
        method: 'GET',
        path: '/api/messages',
        summary: 'List published events, newest first',
        tag: 'messages',
      },
    })
    .input(api['messages.list'].input)
    .output(api['messages.list'].output)
    .query(async ({ ctx, input }) => {
      checkTimeRange(input.since, input.until);
      const tenantId = await resolveExistingTenantId(ctx, input.tenantId);
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
    .meta({
      rest: {
        method: 'GET',
        path: '/api/messages/{messageId}',
        summary: 'A published event with its payload and deliveries',
        tag: 'messages',
      },
    })
    .input(api['messages.get'].input)
    .output(api['messages.get'].output)
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
