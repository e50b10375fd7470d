import { createReceiver } from '@taskhooks/receiver-sdk';

// The sender proves it knows your endpoint token by sending its SHA-256; the body is not signed.
export const receiver = createReceiver({
  model: 'extension_v1',
  scheme: { scheme: 'token-hash' },
  secret: process.env.EXTENSION_WEBHOOK_TOKEN ?? '',
});

receiver.on('lock.time_changed', ({ payload }) => {
  console.log(`${payload.wearer.username}: ${payload.eventData.appliedDeltaSeconds ?? '?'} s applied`);
});

export default { fetch: receiver.fetch };
