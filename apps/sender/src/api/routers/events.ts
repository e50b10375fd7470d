import { z } from 'zod';
import { SenderError } from '../../errors/sender-errors.js';
import type { ApiContext, Caller } from '../context.js';
import { authedProcedure, resolveTenantId, router } from '../trpc.js';

const publishItem = z.object({
  model: z.string().min(1).describe('Payload model id, e.g. plan_bound_v2.'),
  event: z.string().min(1).describe('Event name, e.g. plan.completed.'),
  payload: z.unknown().describe('The event payload; validated against the model contract.'),
  idempotencyKey: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Same key → same message id, no second fan-out.'),
});

const publishResult = z.object({
  messageId: z.string(),
  duplicate: z.boolean(),
  deliveriesCreated: z.number().int(),
  deliveriesSkipped: z.number().int(),
});

async function publishFor(
  ctx: ApiContext & { caller: Caller },
  tenantId: string | undefined,
  items: z.infer<typeof publishItem>[],
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
    .input(publishItem.extend({ tenantId: z.string().optional().describe('Required with an admin key.') }))
    .output(publishResult)
    .mutation(async ({ ctx, input }) => {
      const { tenantId, ...item } = input;
      const [result] = await publishFor(ctx, tenantId, [item]);
      return result!;
    }),

  publishBatch: authedProcedure
    .input(z.object({ tenantId: z.string().optional(), events: z.array(publishItem).min(1).max(500) }))
    .output(z.object({ results: z.array(publishResult) }))
    .mutation(async ({ ctx, input }) => ({ results: await publishFor(ctx, input.tenantId, input.events) })),
});
