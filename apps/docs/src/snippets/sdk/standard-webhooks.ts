import { createReceiver } from '@taskhooks/receiver-sdk';

// Verifies webhook-signature over the raw body, checks the timestamp, validates the payload
// against plan_bound_v2 and skips a webhook-id it has already handled.
export const receiver = createReceiver({
  model: 'plan_bound_v2',
  secret: process.env.WEBHOOK_SECRET ?? '', // whsec_… as shown when you created the endpoint
});

receiver.on('plan.failed', ({ id, payload }) => {
  const { required_completed, required_total, score_pct } = payload.summary;
  console.log(
    `[${id}] ${payload.child_name}: ${required_completed}/${required_total} required, ${score_pct ?? 'n/a'}%`,
  );
});

// Next.js route handler: export const POST = receiver.fetch;
// Bun / Deno / Workers:  export default { fetch: receiver.fetch };
// Express: app.post('/webhooks', createExpressMiddleware(receiver)) from '@taskhooks/receiver-sdk/node'
