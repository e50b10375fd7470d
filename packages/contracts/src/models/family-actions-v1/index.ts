import { z } from 'zod';
import { defineModel } from '../../registry/define-model.js';

// PLACEHOLDER: replaced by the real catalog.
export const familyActionsV1 = defineModel({
  id: 'family_actions_v1',
  title: 'family_actions_v1',
  description: 'placeholder',
  events: {
    'placeholder.event': z.strictObject({ event: z.literal('placeholder.event') }),
  },
});
