import { z } from 'zod';
import { epochMs, idSchema, storableText } from './common.js';

export const entitlementSchema = z
  .enum(['active', 'expired'])
  .describe(
    'active = events are delivered; expired = events are stored and logged as skipped, nothing is sent.',
  );

export const tenantOutput = z
  .object({
    id: z.string().describe('Tenant id, chosen by the operator (e.g. the family or account id of the app).'),
    name: z.string().describe('Display name.'),
    entitlement: entitlementSchema,
    createdAt: epochMs('Creation time'),
    updatedAt: epochMs('Last change'),
  })
  .describe('A tenant: one customer (family, household, account) whose endpoints and events are kept apart.');

export const tenantsCreateInput = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only')
    .describe('Tenant id (letters, digits, . _ : -); the id your app already uses for the customer.'),
  name: storableText().min(1).max(200).describe('Display name.'),
  entitlement: entitlementSchema.default('active'),
});

export const tenantsGetInput = z.strictObject({
  tenantId: idSchema('tenant').optional().describe('Defaults to the tenant of a tenant key.'),
});

export const tenantsListInput = z.strictObject({}).default({}).describe('No parameters.');
export const tenantsListOutput = z.object({
  items: z.array(tenantOutput).describe('Every tenant, oldest first.'),
});

export const tenantsSetEntitlementInput = z.strictObject({
  tenantId: idSchema('tenant'),
  entitlement: entitlementSchema,
});
