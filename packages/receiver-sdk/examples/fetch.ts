import { createReceiver } from '@taskhooks/receiver-sdk';

const receiver = createReceiver({
  model: 'plan_bound_v2',
  secret: process.env.WEBHOOK_SECRET ?? '', // whsec_… as shown by the sender
});

receiver.on('submission.pending_review', ({ payload }) => {
  console.log(`${payload.child_name} handed in "${payload.task.title}", please review`);
});
receiver.on('submission.approved', ({ payload: { task } }) => {
  console.log(`approved "${task.title}": +${task.reward_points} ${task.reward_currency}`);
});
receiver.onUnknown(({ event }) => console.log(`not in plan_bound_v2 yet: ${event}`));

// Bun, Deno and anything that takes `{ fetch }`:
export default { fetch: receiver.fetch };
// Next.js (app/api/webhooks/route.ts):  export const POST = receiver.fetch;
// Hono:                                  app.post('/webhooks', (c) => receiver.fetch(c.req.raw));
