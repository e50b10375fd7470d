import { apiProcedures as api } from '@taskhooks/sender-client';
import { TRPCError } from '@trpc/server';
import { refuseOperatorTenant } from '../../operator/reserved-tenant.js';
import { managementProcedure, resolveExistingTenantId, router } from '../trpc.js';

export const portalRouter = router({
  createLink: managementProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api/portal-links',
        summary: 'Create a magic link to a tenant’s endpoint portal',
        tag: 'portal',
        status: 201,
      },
    })
    .input(api['portal.createLink'].input)
    .output(api['portal.createLink'].output)
    .mutation(async ({ ctx, input }) => {
      // An admin key names the tenant; a tenant key gets a link to its own portal only.
      const portal = ctx.management.portal;
      if (!portal) {
        throw new TRPCError({ code: 'NOT_IMPLEMENTED', message: 'this server does not serve the portal' });
      }
      const tenantId = await resolveExistingTenantId(ctx, input.tenantId);
      refuseOperatorTenant(
        tenantId,
        'tenantId',
        'its endpoint is configured by environment variables, not in the portal',
      );
      // A stored key's revocation must end the links and sessions it made; the bootstrap admin key
      // cannot be revoked (it changes with the configuration).
      const issuer = ctx.caller.kind === 'admin' && ctx.caller.bootstrap ? undefined : ctx.caller.keyId;
      return portal.createLink(tenantId, input.ttlSeconds, issuer);
    }),
});
