import { z } from 'zod';
import { DATE_TIME_WITH_OFFSET, formatError } from '../shared/format-error.js';

const timestamp = z.iso
  .datetime({ offset: true, error: formatError(DATE_TIME_WITH_OFFSET) })
  .describe('When it happened (ISO 8601, UTC).');

export const endpointDisabled = z
  .strictObject({
    event: z.literal('endpoint.disabled').describe('Event name.'),
    timestamp,
    data: z
      .strictObject({
        tenantId: z.string().min(1).describe('The tenant (family, app) the endpoint belongs to.'),
        endpointId: z.string().min(1).describe('The endpoint that was switched off.'),
        failingSince: z.iso
          .datetime({ offset: true, error: formatError(DATE_TIME_WITH_OFFSET) })
          .describe('Start of the unbroken run of failed attempts that led to it (ISO 8601, UTC).'),
        reason: z
          .string()
          .min(1)
          .describe('Why, in words: since when every attempt failed and the last error. Never the URL.'),
      })
      .describe('Event data: which endpoint, and why.'),
  })
  .meta({
    title: 'endpoint.disabled',
    description:
      'An endpoint failed every attempt for longer than TASKHOOKS_DISABLE_FAILING_AFTER_HOURS and was switched off: its deliveries stop until it is enabled again (endpoints.update with enabled: true).',
    examples: [
      {
        event: 'endpoint.disabled',
        timestamp: '2026-03-02T08:00:00.000Z',
        data: {
          tenantId: 'family-1',
          endpointId: '01a20942-5292-71f6-a3ff-9f964cee011b',
          failingSince: '2026-02-25T07:58:12.000Z',
          reason: 'every attempt failed since 2026-02-25T07:58:12.000Z; last error: HTTP 503',
        },
      },
    ],
  });
