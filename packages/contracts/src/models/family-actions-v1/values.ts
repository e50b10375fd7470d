import { z } from 'zod';

/** Opaque string id; the family app uses cuid-like ids, so we only bound the length. */
export function entityId(what: string) {
  return z.string().min(1).max(128).describe(`Opaque id of ${what}.`);
}

export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code of three capital letters, e.g. "GBP"')
  .describe('ISO 4217 currency code in upper case, e.g. `GBP`.');

/** Money is never a float: integer minor units plus the currency they are counted in. */
export const moneySchema = z
  .strictObject({
    amount_minor: z
      .number()
      .int()
      .nonnegative()
      .describe(
        'Amount in integer minor units of `currency` (pence for GBP, cents for USD), never a decimal.',
      ),
    currency: currencyCodeSchema,
  })
  .describe('An amount of real money in integer minor units.');

export function starCount(description: string) {
  return z.number().int().nonnegative().describe(`${description} Whole stars, never fractional.`);
}

/** What a chore pays: pocket money and/or stars; either may be zero. */
export const choreRewardSchema = z
  .strictObject({
    money: moneySchema.describe(
      'Pocket money paid, in integer minor units (zero when the chore pays stars only).',
    ),
    stars: starCount('Stars paid (zero when the chore pays money only).'),
  })
  .describe('A chore reward: pocket money and stars.');

/** How a child's pocket-money wallet moved. `balance_before_minor + delta_minor = balance_after_minor`. */
export const walletChangeSchema = z
  .strictObject({
    currency: currencyCodeSchema,
    balance_before_minor: z
      .number()
      .int()
      .describe('Wallet balance before the action, integer minor units of `currency`.'),
    delta_minor: z
      .number()
      .int()
      .describe('Signed change in integer minor units: positive credits the child, negative debits.'),
    balance_after_minor: z
      .number()
      .int()
      .describe('Wallet balance after the action; always `balance_before_minor + delta_minor`.'),
  })
  .describe("The child's pocket-money wallet before and after the action.");

/** How a child's star balance moved. `balance_before + delta = balance_after`. */
export const starBalanceChangeSchema = z
  .strictObject({
    balance_before: z.number().int().describe('Star balance before the action, in whole stars.'),
    delta: z.number().int().describe('Signed change in whole stars: positive adds, negative spends.'),
    balance_after: z
      .number()
      .int()
      .describe('Star balance after the action; always `balance_before + delta`.'),
  })
  .describe("The child's star balance before and after the action.");

/** The family's exchange rate between pocket money and stars. */
export const starPriceSchema = z
  .strictObject({
    amount_minor_per_star: z
      .number()
      .int()
      .positive()
      .describe('Price of one star in integer minor units of `currency`, e.g. 10 = 10p per star.'),
    currency: currencyCodeSchema,
  })
  .describe('Conversion rate from pocket money to stars.');

export const memberRoleSchema = z
  .enum(['parent', 'child'])
  .describe('Role of a family member: `parent` (any adult who manages the family) or `child`.');

export const rejectionReasonSchema = z
  .string()
  .min(1)
  .max(500)
  .nullable()
  .describe(
    'Why the parent said no, as typed in the dashboard (no personal data expected), or null when no reason was given.',
  );

/**
 * `changed_fields` + `previous` for an update event over a snapshot: receivers see what the
 * thing looks like now, which fields changed, and what those fields were before.
 */
export function changeSetFields<Shape extends Record<string, z.ZodType>>(shape: Shape, what: string) {
  const names = Object.keys(shape) as [Extract<keyof Shape, string>, ...Extract<keyof Shape, string>[]];
  return {
    changed_fields: z
      .array(z.enum(names))
      .min(1)
      .describe(`Names of the ${what} fields whose value changed, e.g. \`["${names[0]}"]\`.`),
    previous: z
      .strictObject(shape)
      .partial()
      .describe(`Values the changed ${what} fields had before the update; only changed fields appear.`),
  };
}
