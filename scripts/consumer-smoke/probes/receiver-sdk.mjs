// @taskhooks/receiver-sdk end to end across the three tarballs: a contracts example, signed with
// @taskhooks/signatures, received, verified, validated and dispatched to a typed handler.
export const receiverSdkProbe = {
  runtime: () => `
const { createReceiver, WebhookError } = pkg;
const { generateSecret, signStandardWebhook } = await load('@taskhooks/signatures');
const { eventMetadata, getEventSchema } = await load('@taskhooks/contracts');
const secret = generateSecret('standard-webhooks');
const [example] = eventMetadata(getEventSchema('task_events_v1', 'task.completed')).examples;
const body = JSON.stringify(example);
const headers = await signStandardWebhook({
  id: 'msg_smoke_1',
  timestamp: Math.floor(Date.now() / 1000),
  body,
  secrets: [secret],
});
const handled = [];
const receiver = createReceiver({ model: 'task_events_v1', secret }).on('task.completed', (delivery) => {
  handled.push(delivery.payload.data.task.id);
});
const first = await receiver.receive({ method: 'POST', headers, body });
assert.equal(first.outcome, 'handled', first.body);
assert.deepEqual(handled, [example.data.task.id]);
const retry = await receiver.receive({ method: 'POST', headers, body });
assert.equal(retry.outcome, 'duplicate', retry.body);
const forged = await receiver.receive({ method: 'POST', headers, body: body + ' ' });
assert.equal(forged.outcome, 'rejected', forged.body);
assert.ok(forged.error instanceof WebhookError, 'a forged body should give a WebhookError');
assert.equal(forged.error.code, 'bad_signature');
assert.deepEqual(handled, [example.data.task.id], 'handlers ran for a duplicate or forged delivery');
`,
  types: () => `
import { createReceiver, type ReceiveResult } from '@taskhooks/receiver-sdk';

const receiver = createReceiver({ model: 'task_events_v1', secret: 'whsec_c21va2U=' });
receiver.on('task.completed', (delivery) => {
  const taskId: number = delivery.payload.data.task.id;
  return taskId;
});
// @ts-expect-error "task.exploded" is not an event of task_events_v1
receiver.on('task.exploded', () => {});
// @ts-expect-error "no_such_model" is not a model id
createReceiver({ model: 'no_such_model', secret: 'whsec_c21va2U=' });
const result: Promise<ReceiveResult<'task_events_v1'>> = receiver.receive({ headers: {}, body: '' });
const fetchHandler: (request: Request) => Promise<Response> = receiver.fetch;

export { fetchHandler, result };
`,
};
