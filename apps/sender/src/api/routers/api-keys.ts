import { z } from 'zod';
import { SenderError } from '../../errors/sender-errors.js';
import { uuidv7 } from '../../ids/uuidv7.js';
import { generateApiKey } from '../../security/api-keys.js';
import type { ApiKey } from '../../store/types.js';
import { epochMs, idSchema, notFound, tenantIdInput } from '../schemas.js';
import { managementProcedure, resolveTenantId, router, scopeOf } from '../trpc.js';

const apiKeyOutput = z
  .object({
    id: z.string().describe('Key id (what revoke takes).'),
    kind: z.enum(['admin', 'tenant']).describe('admin = every tenant; tenant = one tenant.'),
    tenantId: z.string().nullable().describe('The tenant a tenant key acts for; null for admin keys.'),
    prefix: z.string().describe('Non-secret start of the key, to tell keys apart.'),
    name: z.string().describe('Label given at creation.'),
    createdAt: epochMs('Creation time'),
    revokedAt: z.number().int().nullable().describe('Revocation time (epoch ms); null while valid.'),
    lastUsedAt: z
      .number()
      .int()
      .nullable()
      .describe('Last successful use (epoch ms, updated at most once a minute).'),
  })
  .describe('An API key as listed: never the key itself.');

const toOutput = (k: ApiKey): z.output<typeof apiKeyOutput> => ({
  id: k.id,
  kind: k.tenantId === null ? 'admin' : 'tenant',
  tenantId: k.tenantId,
  prefix: k.prefix,
  name: k.name,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
  lastUsedAt: k.lastUsedAt,
});

export const apiKeysRouter = router({
  create: managementProcedure
    .input(
      z.object({
        kind: z
          .enum(['admin', 'tenant'])
          .default('tenant')
          .describe('admin keys need an admin caller; tenant keys act on one tenant only.'),
        tenantId: tenantIdInput,
        name: z.string().min(1).max(200).describe('Label, e.g. "family app backend".'),
      }),
    )
    .output(
      z.object({
        key: z.string().describe('The API key. Shown ONCE: store it now, only its hash is kept.'),
        apiKey: apiKeyOutput,
      }),
    )
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
        tenantId = resolveTenantId(ctx.caller, input.tenantId);
        if (!(await ctx.store.getTenant(tenantId))) throw notFound('tenant', 'tenantId', tenantId);
      }
      const generated = generateApiKey(input.kind);
      const stored = await ctx.store.createApiKey(
        { id: uuidv7(), tenantId, prefix: generated.displayPrefix, hash: generated.hash, name: input.name },
        ctx.now(),
      );
      return { key: generated.key, apiKey: toOutput(stored) };
    }),

  list: managementProcedure
    .input(
      z.object({
        tenantId: tenantIdInput.describe(
          'With an admin key: only this tenant’s keys (omit for every key). A tenant key lists its own tenant’s keys.',
        ),
      }),
    )
    .output(z.object({ items: z.array(apiKeyOutput).describe('Oldest first, revoked ones included.') }))
    .query(async ({ ctx, input }) => {
      const tenantId =
        ctx.caller.kind === 'admin' && input.tenantId === undefined
          ? undefined
          : resolveTenantId(ctx.caller, input.tenantId);
      return { items: (await ctx.store.listApiKeys({ tenantId })).map(toOutput) };
    }),

  revoke: managementProcedure
    .input(z.object({ keyId: idSchema('API key') }))
    .output(apiKeyOutput)
    .mutation(async ({ ctx, input }) => {
      const revoked = await ctx.store.revokeApiKey(input.keyId, ctx.now(), scopeOf(ctx.caller));
      if (!revoked) throw notFound('API key', 'keyId', input.keyId);
      return toOutput(revoked);
    }),
});
