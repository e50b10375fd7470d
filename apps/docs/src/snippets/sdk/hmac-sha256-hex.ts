import { createReceiver } from '@taskhooks/receiver-sdk';

// OpenTask-style `sha256=<hex>` signatures; header names are configurable.
export const receiver = createReceiver({
  model: 'task_events_v1',
  scheme: {
    scheme: 'hmac-sha256-hex',
    signatureHeader: 'X-OpenTask-Signature',
    eventHeader: 'X-OpenTask-Event',
  },
  secret: process.env.OPENTASK_WEBHOOK_SECRET ?? '',
});

receiver.on('task.completed', ({ payload }) => {
  console.log(`done: ${payload.data.task.title}`);
});

export default { fetch: receiver.fetch };
