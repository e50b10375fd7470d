import { z } from 'zod';
import { familyActionEvent, familyExample } from './envelope.js';
import { entityId, moneySchema, walletChangeSchema } from './values.js';

export const payoutMethodSchema = z
  .enum(['cash', 'bank_transfer', 'card_top_up', 'other'])
  .describe(
    'How the money left the app: `cash`, `bank_transfer`, `card_top_up` (child debit card) or `other`.',
  );

export const payoutCreated = familyActionEvent(
  'payout.created',
  z
    .strictObject({
      payout_id: entityId('the payout'),
      child_id: entityId('the child being paid out'),
      amount: moneySchema.describe('Money paid out of the app, in integer minor units.'),
      method: payoutMethodSchema,
      wallet: walletChangeSchema.describe(
        'Pocket-money wallet; `delta_minor` is minus `amount.amount_minor`.',
      ),
    })
    .describe('Event data: the payout and how it moved the wallet.'),
  {
    description:
      "A parent paid out part of a child's wallet in real money (`POST /payouts`); the wallet is debited.",
    examples: [
      familyExample(21, 'payout.created', {
        payout_id: 'pay_1c7j3n',
        child_id: 'usr_c55ha7',
        amount: { amount_minor: 500, currency: 'GBP' },
        method: 'cash',
        wallet: { currency: 'GBP', balance_before_minor: 700, delta_minor: -500, balance_after_minor: 200 },
      }),
    ],
  },
);
