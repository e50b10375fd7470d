import { z } from 'zod';
import { SenderError } from '../../errors/sender-errors.js';
import type { Tenant } from '../../store/types.js';
import { epochMs, idSchema, notFound } from '../schemas.js';
import { adminProcedure, managementProcedure, resolveTenantId, router } from '../trpc.js';

const entitlement = z
  .enum(['active', 'expired'])
  .describe(
    'active = events are delivered; expired = events are stored and logged as skipped, nothing is sent.',
  );

export const tenantOutput = z
  .object({
    id: z.string().describe('Tenant id, chosen by the operator (e.g. the family or account id of the app).'),
    name: z.string().describe('Display name.'),
    entitlement,
    createdAt: epochMs('Creation time'),
    updatedAt: epochMs('Last change'),
  })
  .describe('A tenant: one customer (family, household, account) whose endpoints and events are kept apart.');

const toOutput = (tenant: Tenant) => tenant;

export const tenantsRouter = router({
  create: adminProcedure
    .input(
      z.object({
        id: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only')
          .describe('Tenant id (letters, digits, . _ : -); the id your app already uses for the customer.'),
        name: z.string().min(1).max(200).describe('Display name.'),
        entitlement: entitlement.default('active'),
      }),
    )
    .output(tenantOutput)
    .mutation(async ({ ctx, input }) => {
      if (await ctx.store.getTenant(input.id)) {
        throw new SenderError('conflict', `tenant "${input.id}" already exists`, [
          { path: 'id', code: 'conflict', message: 'a tenant with this id exists' },
        ]);
      }
      return toOutput(await ctx.store.createTenant(input, ctx.now()));
    }),

  get: managementProcedure
    .input(
      z.object({
        tenantId: idSchema('tenant').optional().describe('Defaults to the tenant of a tenant key.'),
      }),
    )
    .output(tenantOutput)
    .query(async ({ ctx, input }) => {
      const id = resolveTenantId(ctx.caller, input.tenantId);
      const tenant = await ctx.store.getTenant(id);
      if (!tenant) throw notFound('tenant', 'tenantId', id);
      return toOutput(tenant);
    }),

  list: adminProcedure
    .input(z.object({}).default({}).describe('No parameters.'))
    .output(z.object({ items: z.array(tenantOutput).describe('Every tenant, oldest first.') }))
    .query(async ({ ctx }) => ({ items: (await ctx.store.listTenants()).map(toOutput) })),

  setEntitlement: adminProcedure
    .input(z.object({ tenantId: idSchema('tenant'), entitlement }))
    .output(tenantOutput)
    .mutation(async ({ ctx, input }) => {
      const tenant = await ctx.store.setEntitlement(input.tenantId, input.entitlement, ctx.now());
      if (!tenant) throw notFound('tenant', 'tenantId', input.tenantId);
      return toOutput(tenant);
    }),
});
