import { apiProcedures as api, type publishItemInput } from '@taskhooks/sender-client';
import type { z } from 'zod';
import { SenderError } from '../../errors/sender-errors.js';
import type { ApiContext, Caller } from '../context.js';
import { authedProcedure, resolveTenantId, router } from '../trpc.js';

async function publishFor(
  ctx: ApiContext & { caller: Caller },
  tenantId: string | undefined,
  items: z.infer<typeof publishItemInput>[],
) {
  const tenant = resolveTenantId(ctx.caller, tenantId);
  if (!(await ctx.store.getTenant(tenant))) {
    throw new SenderError('not_found', `tenant "${tenant}" does not exist`, [
      { path: 'tenantId', code: 'not_found', message: 'no such tenant' },
    ]);
  }
  return ctx.publisher.publish(tenant, items);
}

export const eventsRouter = router({
  publish: authedProcedure
    .meta({ rest: { method: 'POST', path: '/api/events', summary: 'Publish one event', tag: 'events' } })
    .input(api['events.publish'].input)
    .output(api['events.publish'].output)
    .mutation(async ({ ctx, input }) => {
      const { tenantId, ...item } = input;
      const [result] = await publishFor(ctx, tenantId, [item]);
      return result!;
    }),

  publishBatch: authedProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api/events/batch',
        summary: 'Publish up to 500 events atomically',
        tag: 'events',
      },
    })
    .input(api['events.publishBatch'].input)
    .output(api['events.publishBatch'].output)
    .mutation(async ({ ctx, input }) => ({ results: await publishFor(ctx, input.tenantId, input.events) })),
});
