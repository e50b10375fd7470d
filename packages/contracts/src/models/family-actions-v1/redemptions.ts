import { z } from 'zod';
import { DATE_TIME_WITH_OFFSET, formatError } from '../shared/format-error.js';
import { exampleChild, familyActionEvent, familyExample } from './envelope.js';
import { entityId, rejectionReasonSchema, starCount } from './values.js';

export const fulfillmentStatusSchema = z
  .enum(['pending', 'fulfilled', 'rejected'])
  .describe(
    'Where the redemption stands: `pending` (waiting for a parent), `fulfilled` (handed over) or `rejected`.',
  );

const redemptionFields = {
  redemption_id: entityId('the redemption request'),
  reward_id: entityId('the family reward being redeemed'),
  child_id: entityId('the child redeeming the reward'),
  star_cost: starCount('Stars the redemption costs.'),
  fulfillment_status: fulfillmentStatusSchema,
};

const redemption = {
  redemption_id: 'rdm_8w2e5u',
  reward_id: 'gft_3x9p2d',
  child_id: 'usr_c55ha7',
  star_cost: 150,
};

export const rewardRedemptionRequested = familyActionEvent(
  'reward.redemption_requested',
  z.strictObject(redemptionFields).describe('Event data: the new redemption request (status `pending`).'),
  {
    description: 'A child asked to redeem a family reward with stars (`POST /redemptions`).',
    examples: [
      familyExample(
        18,
        'reward.redemption_requested',
        { ...redemption, fulfillment_status: 'pending' },
        { actor: exampleChild },
      ),
    ],
  },
);

export const fulfillmentMethodSchema = z
  .enum(['in_person', 'ordered_online', 'digital_code'])
  .describe(
    'How the reward reached the child: handed over `in_person`, `ordered_online`, or a `digital_code`.',
  );

export const rewardFulfilled = familyActionEvent(
  'reward.fulfilled',
  z
    .strictObject({
      ...redemptionFields,
      fulfillment: z
        .strictObject({
          method: fulfillmentMethodSchema,
          order_reference: z
            .string()
            .min(1)
            .max(200)
            .nullable()
            .describe('Retailer order number or voucher reference, or null; never a delivery address.'),
          requested_at: z.iso
            .datetime({ offset: true, error: formatError(DATE_TIME_WITH_OFFSET) })
            .describe('When the child asked for the reward, so receivers can measure turnaround.'),
        })
        .describe('How and when the reward was delivered.'),
    })
    .describe('Event data: the fulfilled redemption (status `fulfilled`) and delivery details.'),
  {
    description: 'A parent marked a redemption as fulfilled (`POST /redemptions/:id/fulfill`).',
    examples: [
      familyExample(19, 'reward.fulfilled', {
        ...redemption,
        fulfillment_status: 'fulfilled',
        fulfillment: {
          method: 'ordered_online',
          order_reference: '202-5550123-1234567',
          requested_at: '2026-03-05T17:02:00.000+00:00',
        },
      }),
    ],
  },
);

export const rewardRejected = familyActionEvent(
  'reward.rejected',
  z
    .strictObject({
      ...redemptionFields,
      reason: rejectionReasonSchema,
      stars_refunded: starCount('Stars given back to the child (zero if none had been held).'),
    })
    .describe('Event data: the rejected redemption (status `rejected`), the reason and any refund.'),
  {
    description: 'A parent turned down a redemption request (`POST /redemptions/:id/reject`).',
    examples: [
      familyExample(20, 'reward.rejected', {
        ...redemption,
        fulfillment_status: 'rejected',
        reason: 'Not on a school night.',
        stars_refunded: 150,
      }),
    ],
  },
);
