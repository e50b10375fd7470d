import { z } from 'zod';
import { familyActionEvent, familyExample } from './envelope.js';
import { changeSetFields, entityId, moneySchema, starCount } from './values.js';

export const giftProviderSchema = z
  .enum(['amazon'])
  .describe('Retail provider the gift comes from; only `amazon` today.');

export const giftTemplateSchema = z
  .strictObject({
    id: entityId('the gift template'),
    title: z.string().min(1).max(200).describe('Product name as shown to the family.'),
    provider: giftProviderSchema,
    product_ref: z.string().min(1).max(64).describe("The provider's product id (an ASIN for Amazon)."),
    price: moneySchema
      .nullable()
      .describe('Shop price when the template was made, in integer minor units, or null if unknown.'),
    suggested_star_cost: starCount('Star cost suggested when a family adds this gift as a reward.'),
  })
  .describe('The new gift template.');

export const giftTemplateCreated = familyActionEvent(
  'gift_template.created',
  z.strictObject({ template: giftTemplateSchema }).describe('Event data: the new gift template.'),
  {
    description:
      'A gift template backed by a retail provider was created (`POST /gift-templates`); families can turn it into a reward.',
    examples: [
      familyExample(28, 'gift_template.created', {
        template: {
          id: 'gtp_amz7q1',
          title: 'LEGO Classic Creative Bricks',
          provider: 'amazon',
          product_ref: 'B00NHQFA1I',
          price: { amount_minor: 2499, currency: 'GBP' },
          suggested_star_cost: 250,
        },
      }),
    ],
  },
);

const affiliateConfigFields = {
  enabled: z.boolean().describe('True when shop links carry the affiliate tag.'),
  provider: giftProviderSchema,
  marketplace: z
    .string()
    .min(1)
    .max(64)
    .describe('Provider storefront the links point to, e.g. `amazon.co.uk`.'),
  tracking_tag: z
    .string()
    .min(1)
    .max(64)
    .nullable()
    .describe('Public affiliate tracking tag appended to links (not a secret), or null when unset.'),
};

export const affiliateConfigUpdated = familyActionEvent(
  'affiliate.config_updated',
  z
    .strictObject({
      config: z.strictObject(affiliateConfigFields).describe('Affiliate configuration after the change.'),
      ...changeSetFields(affiliateConfigFields, 'affiliate config'),
    })
    .describe('Event data: the affiliate configuration after the change, what changed and old values.'),
  {
    description: 'The affiliate link configuration was replaced (`PUT /affiliate`).',
    examples: [
      familyExample(29, 'affiliate.config_updated', {
        config: {
          enabled: true,
          provider: 'amazon',
          marketplace: 'amazon.co.uk',
          tracking_tag: 'choreblimey-21',
        },
        changed_fields: ['enabled', 'tracking_tag'],
        previous: { enabled: false, tracking_tag: null },
      }),
    ],
  },
);
