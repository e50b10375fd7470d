import { z } from 'zod';
import { exampleChild, familyActionEvent, familyExample } from './envelope.js';
import {
  entityId,
  moneySchema,
  rejectionReasonSchema,
  starBalanceChangeSchema,
  starCount,
  starPriceSchema,
  walletChangeSchema,
} from './values.js';

/** Fields shared by the three star-purchase events: what was asked for, at which rate. */
const purchaseFields = {
  purchase_id: entityId('the star purchase request'),
  child_id: entityId('the child buying stars'),
  stars: starCount('Number of stars the child asked to buy.'),
  conversion: starPriceSchema.describe('Rate used to price the stars: pocket money per star.'),
  cost: moneySchema.describe('Pocket money the stars cost: `stars × conversion.amount_minor_per_star`.'),
};

const purchase = {
  purchase_id: 'spr_0m4n7c',
  child_id: 'usr_c55ha7',
  stars: 20,
  conversion: { amount_minor_per_star: 10, currency: 'GBP' },
  cost: { amount_minor: 200, currency: 'GBP' },
};

export const starsPurchaseRequested = familyActionEvent(
  'stars.purchase_requested',
  z.strictObject(purchaseFields).describe('Event data: the purchase request and its price.'),
  {
    description:
      'A child asked to convert pocket money into stars (`POST /wallet/buy-stars`); a parent must approve it.',
    examples: [familyExample(11, 'stars.purchase_requested', purchase, { actor: exampleChild })],
  },
);

export const starsPurchaseApproved = familyActionEvent(
  'stars.purchase_approved',
  z
    .strictObject({
      ...purchaseFields,
      wallet: walletChangeSchema.describe('Pocket-money wallet; `delta_minor` is minus `cost.amount_minor`.'),
      star_balance: starBalanceChangeSchema.describe('Star balance; `delta` equals `stars`.'),
    })
    .describe('Event data: the approved purchase, the conversion applied and both balance moves.'),
  {
    description:
      'A parent approved a star purchase (`POST /wallet/buy-stars/:id/approve`): money left the wallet and stars were added.',
    examples: [
      familyExample(12, 'stars.purchase_approved', {
        ...purchase,
        wallet: { currency: 'GBP', balance_before_minor: 400, delta_minor: -200, balance_after_minor: 200 },
        star_balance: { balance_before: 20, delta: 20, balance_after: 40 },
      }),
    ],
  },
);

export const starsPurchaseRejected = familyActionEvent(
  'stars.purchase_rejected',
  z
    .strictObject({ ...purchaseFields, reason: rejectionReasonSchema })
    .describe('Event data: the rejected purchase and why; balances did not move.'),
  {
    description:
      'A parent turned down a star purchase (`POST /wallet/buy-stars/:id/reject`); nothing was charged.',
    examples: [
      familyExample(13, 'stars.purchase_rejected', { ...purchase, reason: 'Save for the bike instead.' }),
    ],
  },
);
