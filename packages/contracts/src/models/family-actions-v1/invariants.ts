import type { ContractIssue } from '../../parse/contract-error.js';

type Data = Record<string, unknown>;
interface Money {
  amount_minor: number;
  currency: string;
}
interface Wallet {
  currency: string;
  balance_before_minor: number;
  delta_minor: number;
  balance_after_minor: number;
}
interface StarBalance {
  balance_before: number;
  delta: number;
  balance_after: number;
}

const expectedFulfillmentStatus: Record<string, string> = {
  'reward.redemption_requested': 'pending',
  'reward.fulfilled': 'fulfilled',
  'reward.rejected': 'rejected',
};

/**
 * Cross-field rules of family_actions_v1 that JSON Schema cannot state: balance arithmetic,
 * amounts that must agree with each other, and update events whose `previous` must describe
 * exactly the `changed_fields`. Input is an already schema-valid payload.
 */
export function familyActionsInvariants(payload: { event: string; data: object }): ContractIssue[] {
  const data = payload.data as Data;
  const issues: ContractIssue[] = [];
  const fail = (path: string, message: string) =>
    issues.push({ path: `data.${path}`, message, code: 'invariant' });

  const wallet = data.wallet as Wallet | undefined;
  if (wallet && wallet.balance_before_minor + wallet.delta_minor !== wallet.balance_after_minor) {
    fail('wallet.balance_after_minor', 'must equal balance_before_minor + delta_minor');
  }
  const stars = data.star_balance as StarBalance | undefined;
  if (stars && stars.balance_before + stars.delta !== stars.balance_after) {
    fail('star_balance.balance_after', 'must equal balance_before + delta');
  }

  if (Array.isArray(data.changed_fields)) checkChangeSet(data, fail);

  switch (payload.event) {
    case 'completion.approved': {
      const reward = data.reward as { money: Money; stars: number };
      const bonus = data.bonus as { money: Money; stars: number };
      if (wallet && wallet.delta_minor !== reward.money.amount_minor + bonus.money.amount_minor) {
        fail('wallet.delta_minor', 'must equal reward.money.amount_minor + bonus.money.amount_minor');
      }
      if (stars && stars.delta !== reward.stars + bonus.stars) {
        fail('star_balance.delta', 'must equal reward.stars + bonus.stars');
      }
      checkSameCurrency(
        fail,
        ['wallet.currency', wallet?.currency],
        ['reward.money.currency', reward.money.currency],
      );
      checkSameCurrency(
        fail,
        ['wallet.currency', wallet?.currency],
        ['bonus.money.currency', bonus.money.currency],
      );
      break;
    }
    case 'stars.purchase_requested':
    case 'stars.purchase_approved':
    case 'stars.purchase_rejected': {
      const cost = data.cost as Money;
      const rate = data.conversion as { amount_minor_per_star: number; currency: string };
      if (cost.amount_minor !== (data.stars as number) * rate.amount_minor_per_star) {
        fail('cost.amount_minor', 'must equal stars × conversion.amount_minor_per_star');
      }
      checkSameCurrency(fail, ['cost.currency', cost.currency], ['conversion.currency', rate.currency]);
      if (wallet && wallet.delta_minor !== -cost.amount_minor)
        fail('wallet.delta_minor', 'must equal -cost.amount_minor');
      if (wallet)
        checkSameCurrency(fail, ['wallet.currency', wallet.currency], ['cost.currency', cost.currency]);
      if (stars && stars.delta !== data.stars) fail('star_balance.delta', 'must equal stars');
      break;
    }
    case 'payout.created': {
      const amount = data.amount as Money;
      if (wallet && wallet.delta_minor !== -amount.amount_minor) {
        fail('wallet.delta_minor', 'must equal -amount.amount_minor');
      }
      checkSameCurrency(fail, ['wallet.currency', wallet?.currency], ['amount.currency', amount.currency]);
      break;
    }
    case 'family.settings_updated': {
      const changed = data.changed_fields as string[];
      const holiday = changed.includes('holiday_mode') || changed.includes('holiday_mode_until');
      if (data.holiday_mode_changed !== holiday) {
        fail(
          'holiday_mode_changed',
          `must be ${holiday}: it mirrors whether changed_fields lists a holiday field`,
        );
      }
      if (data.budget_changed !== changed.includes('budget')) {
        fail(
          'budget_changed',
          `must be ${changed.includes('budget')}: it mirrors whether changed_fields lists budget`,
        );
      }
      break;
    }
    default: {
      const status = expectedFulfillmentStatus[payload.event];
      if (status && data.fulfillment_status !== status) {
        fail('fulfillment_status', `must be "${status}" for ${payload.event}`);
      }
    }
  }
  return issues;
}

function checkChangeSet(data: Data, fail: (path: string, message: string) => void): void {
  const changed = data.changed_fields as string[];
  const previous = Object.keys(data.previous as object);
  if (new Set(changed).size !== changed.length) fail('changed_fields', 'must not list a field twice');
  for (const field of changed) {
    if (!previous.includes(field)) fail(`previous.${field}`, `is missing: changed_fields lists "${field}"`);
  }
  for (const field of previous) {
    if (!changed.includes(field))
      fail(`previous.${field}`, `is present but changed_fields does not list "${field}"`);
  }
}

function checkSameCurrency(
  fail: (path: string, message: string) => void,
  [pathA, a]: [string, string | undefined],
  [pathB, b]: [string, string | undefined],
): void {
  if (a !== undefined && b !== undefined && a !== b)
    fail(pathB, `must be ${a}, the same currency as ${pathA}`);
}
