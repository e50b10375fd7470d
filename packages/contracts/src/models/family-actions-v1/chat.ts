import { z } from 'zod';
import { exampleChild, familyActionEvent, familyExample } from './envelope.js';
import { entityId } from './values.js';

export const chatMessageSent = familyActionEvent(
  'chat.message_sent',
  z
    .strictObject({
      message_id: entityId('the chat message'),
      length: z
        .number()
        .int()
        .nonnegative()
        .describe('Length of the message text in characters; the text itself is never sent.'),
    })
    .describe('Event data: which message was posted and how long it is (for audit, not content).'),
  {
    description:
      'A family member posted in the family chat (`POST /chat`). For compliance trails only: the text is never included.',
    examples: [
      familyExample(
        26,
        'chat.message_sent',
        { message_id: 'msg_0p9o8i', length: 42 },
        { actor: exampleChild },
      ),
    ],
  },
);
