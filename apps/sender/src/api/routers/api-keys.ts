import { apiProcedures as api, type apiKeyOutput } from '@taskhooks/sender-client';
import type { z } from 'zod';
import { SenderError } from '../../errors/sender-errors.js';
import { uuidv7 } from '../../ids/uuidv7.js';
import { refuseOperatorTenant } from '../../operator/reserved-tenant.js';
import { generateApiKey } from '../../security/api-keys.js';
import type { ApiKey } from '../../store/types.js';
import { notFound } from '../schemas.js';
import { managementProcedure, resolveExistingTenantId, router, scopeOf } from '../trpc.js';

const toOutput = (k: ApiKey): z.output<typeof apiKeyOutput> => ({
  id: k.id,
  kind: k.tenantId === null ? 'admin' : 'tenant',
  tenantId: k.tenantId,
  prefix: k.prefix,
  name: k.name,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
  lastUsedAt: k.lastUsedAt,
  createdByKeyId: k.createdBy,
});

export const apiKeysRouter = router({
  create: managementProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api/api-keys',
        summary: 'Create an API key (shown once)',
        tag: 'api-keys',
        status: 201,
      },
    })
    .input(api['apiKeys.create'].input)
    .output(api['apiKeys.create'].output)
    .mutation(async ({ ctx, input }) => {
      let tenantId: string | null = null;
      if (input.kind === 'admin') {
        if (ctx.caller.kind !== 'admin') {
          throw new SenderError('forbidden', 'only an admin key can create admin keys', [
            { path: 'kind', code: 'forbidden', message: 'tenant keys can only create tenant keys' },
          ]);
        }
        if (input.tenantId !== undefined) {
          throw new SenderError('invalid_request', 'tenantId: admin keys belong to no tenant', [
            { path: 'tenantId', code: 'unexpected', message: 'omit tenantId for kind "admin"' },
          ]);
        }
      } else {
        tenantId = await resolveExistingTenantId(ctx, input.tenantId);
        refuseOperatorTenant(
          tenantId,
          'tenantId',
          'its events are read through the operator webhook, not with a key',
        );
      }
      const generated = generateApiKey(input.kind);
      const stored = await ctx.store.createApiKey(
        {
          id: uuidv7(),
          tenantId,
          prefix: generated.displayPrefix,
          hash: generated.hash,
          name: input.name,
          // The bootstrap admin key is not a stored key: nothing to trace back to or revoke with.
          createdBy: ctx.caller.kind === 'admin' && ctx.caller.bootstrap ? null : ctx.caller.keyId,
        },
        ctx.now(),
      );
      return { key: generated.key, apiKey: toOutput(stored) };
    }),

  list: managementProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/api/api-keys',
        summary: 'List API keys (never the keys themselves)',
        tag: 'api-keys',
      },
    })
    .input(api['apiKeys.list'].input)
    .output(api['apiKeys.list'].output)
    .query(async ({ ctx, input }) => {
      const tenantId =
        ctx.caller.kind === 'admin' && input.tenantId === undefined
          ? undefined
          : await resolveExistingTenantId(ctx, input.tenantId);
      return { items: (await ctx.store.listApiKeys({ tenantId })).map(toOutput) };
    }),

  revoke: managementProcedure
    .meta({
      rest: {
        method: 'DELETE',
        path: '/api/api-keys/{keyId}',
        summary: 'Revoke an API key',
        tag: 'api-keys',
      },
    })
    .input(api['apiKeys.revoke'].input)
    .output(api['apiKeys.revoke'].output)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      const scope = scopeOf(ctx.caller);
      const revoked = await ctx.store.revokeApiKey(input.keyId, now, scope);
      if (!revoked) throw notFound('API key', 'keyId', input.keyId);
      // After the key itself: a failure here leaves it revoked, and calling again finishes the job.
      const alsoRevoked = input.alsoKeysItCreated
        ? await ctx.store.revokeKeysCreatedBy(input.keyId, now, scope)
        : [];
      return { ...toOutput(revoked), alsoRevokedKeyIds: alsoRevoked.map((k) => k.id) };
    }),
});
