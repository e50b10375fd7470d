import { z } from 'zod';
import { defineModel } from '../../registry/define-model.js';

// PLACEHOLDER: replaced by the real catalog.
export const planBoundV2 = defineModel({
  id: 'plan_bound_v2',
  title: 'plan_bound_v2',
  description: 'placeholder',
  events: {
    'placeholder.event': z.strictObject({ event: z.literal('placeholder.event') }),
  },
});
