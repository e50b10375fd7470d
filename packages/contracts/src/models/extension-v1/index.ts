import { z } from 'zod';
import { defineModel } from '../../registry/define-model.js';

// PLACEHOLDER: replaced by the real catalog.
export const extensionV1 = defineModel({
  id: 'extension_v1',
  title: 'extension_v1',
  description: 'placeholder',
  events: {
    'placeholder.event': z.strictObject({ event: z.literal('placeholder.event') }),
  },
});
