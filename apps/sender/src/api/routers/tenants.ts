import { apiProcedures as api } from '@taskhooks/sender-client';
import { SenderError } from '../../errors/sender-errors.js';
import { refuseOperatorTenant } from '../../operator/reserved-tenant.js';
import type { Tenant } from '../../store/types.js';
import { notFound } from '../schemas.js';
import { adminProcedure, managementProcedure, resolveTenantId, router } from '../trpc.js';

const toOutput = (tenant: Tenant) => tenant;

export const tenantsRouter = router({
  create: adminProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api/tenants',
        summary: 'Create a tenant (admin)',
        tag: 'tenants',
        status: 201,
      },
    })
    .input(api['tenants.create'].input)
    .output(api['tenants.create'].output)
    .mutation(async ({ ctx, input }) => {
      refuseOperatorTenant(input.id, 'id', 'choose another tenant id');
      if (await ctx.store.getTenant(input.id)) {
        throw new SenderError('conflict', `tenant "${input.id}" already exists`, [
          { path: 'id', code: 'conflict', message: 'a tenant with this id exists' },
        ]);
      }
      return toOutput(await ctx.store.createTenant(input, ctx.now()));
    }),

  get: managementProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/api/tenant',
        summary: 'The caller’s tenant (or `tenantId` with an admin key)',
        tag: 'tenants',
      },
    })
    .input(api['tenants.get'].input)
    .output(api['tenants.get'].output)
    .query(async ({ ctx, input }) => {
      const id = resolveTenantId(ctx.caller, input.tenantId);
      const tenant = await ctx.store.getTenant(id);
      if (!tenant) throw notFound('tenant', 'tenantId', id);
      return toOutput(tenant);
    }),

  list: adminProcedure
    .meta({
      rest: { method: 'GET', path: '/api/tenants', summary: 'List every tenant (admin)', tag: 'tenants' },
    })
    .input(api['tenants.list'].input)
    .output(api['tenants.list'].output)
    .query(async ({ ctx }) => ({ items: (await ctx.store.listTenants()).map(toOutput) })),

  setEntitlement: adminProcedure
    .meta({
      rest: {
        method: 'PUT',
        path: '/api/tenants/{tenantId}/entitlement',
        summary: 'Set a tenant’s entitlement (admin)',
        tag: 'tenants',
      },
    })
    .input(api['tenants.setEntitlement'].input)
    .output(api['tenants.setEntitlement'].output)
    .mutation(async ({ ctx, input }) => {
      const tenant = await ctx.store.setEntitlement(input.tenantId, input.entitlement, ctx.now());
      if (!tenant) throw notFound('tenant', 'tenantId', input.tenantId);
      return toOutput(tenant);
    }),
});
