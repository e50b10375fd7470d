import { z } from 'zod';
import { epochMs, idSchema, storableText, tenantIdInput } from './common.js';

export const apiKeyOutput = z
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
    createdByKeyId: z
      .string()
      .nullable()
      .describe(
        'The key that created this one (null: the bootstrap TASKHOOKS_ADMIN_KEY, or a key created before the sender recorded this). After a leak, the keys a leaked key created carry its id.',
      ),
  })
  .describe('An API key as listed: never the key itself.');

export const apiKeysCreateInput = z.strictObject({
  kind: z
    .enum(['admin', 'tenant'])
    .default('tenant')
    .describe('admin keys need an admin caller; tenant keys act on one tenant only.'),
  tenantId: tenantIdInput,
  name: storableText().min(1).max(200).describe('Label, e.g. "family app backend".'),
});
export const apiKeysCreateOutput = z.object({
  key: z.string().describe('The API key. Shown ONCE: store it now, only its hash is kept.'),
  apiKey: apiKeyOutput,
});

export const apiKeysListInput = z.strictObject({
  tenantId: tenantIdInput.describe(
    'With an admin key: only this tenant’s keys (omit for every key). A tenant key lists its own tenant’s keys.',
  ),
});
export const apiKeysListOutput = z.object({
  items: z.array(apiKeyOutput).describe('Oldest first, revoked ones included.'),
});

export const apiKeysRevokeInput = z.strictObject({
  keyId: idSchema('API key'),
  alsoKeysItCreated: z
    .boolean()
    .default(false)
    .describe(
      'Also revoke every key this key created, and the keys those created: for a leaked key, which may have been used to mint others. Off by default, so that a key which created its own successor can be retired without it.',
    ),
});
export const apiKeysRevokeOutput = apiKeyOutput
  .extend({
    alsoRevokedKeyIds: z
      .array(z.string())
      .describe('Keys revoked by this call because this key created them (alsoKeysItCreated), oldest first.'),
  })
  .describe('The revoked key, and what else the call revoked.');
