import type { AddressInfo } from 'node:net';
import { createReceiver } from '@taskhooks/receiver-sdk';
import { createExpressMiddleware } from '@taskhooks/receiver-sdk/node';
import express from 'express';

const receiver = createReceiver({
  model: 'plan_bound_v2',
  secret: process.env.WEBHOOK_SECRET ?? '', // whsec_… as shown by the sender
});

receiver.on(['plan.completed', 'plan.failed'], ({ id, event, payload }) => {
  // payload is typed for exactly these two events
  console.log(`[${id}] ${event}: ${payload.child_name} scored ${payload.summary.score_pct ?? 'n/a'}%`);
});
receiver.onError((error) => console.error(`webhook refused (${error.code}): ${error.message}`));

const app = express();
app.post('/webhooks', createExpressMiddleware(receiver)); // mount before express.json()
app.use(express.json()); // the rest of your app

const server = app.listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`listening on port ${(server.address() as AddressInfo).port}`);
});
