import { z } from 'zod';
import { tenantIdInput } from './common.js';

export const portalCreateLinkInput = z.strictObject({
  tenantId: tenantIdInput,
  ttlSeconds: z
    .number()
    .int()
    .min(30)
    .max(86_400)
    .default(900)
    .describe('How long the link can be opened, in seconds (30 s – 24 h, default 15 min). It opens once.'),
});

export const portalCreateLinkOutput = z.object({
  url: z
    .string()
    .describe(
      'The magic link to the tenant’s endpoint portal: open it (or put it in an iframe) once; it starts a one-hour session.',
    ),
  expiresAt: z.number().int().describe('Until when the link can be opened (epoch ms).'),
});
