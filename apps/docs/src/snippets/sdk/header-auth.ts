import { createReceiver } from '@taskhooks/receiver-sdk';

// The static header you entered in the sender's settings, e.g. {"Authorization":"Bearer …"}.
export const receiver = createReceiver({
  model: 'plan_bound_v2',
  scheme: { scheme: 'header-auth', headers: { Authorization: `Bearer ${process.env.WEBHOOK_TOKEN ?? ''}` } },
});

receiver.on(['plan.completed', 'plan.failed'], ({ event, payload }) => {
  console.log(`${event}: ${payload.plan_title} scored ${payload.summary.score_pct ?? 'n/a'}%`);
});

export default { fetch: receiver.fetch };
