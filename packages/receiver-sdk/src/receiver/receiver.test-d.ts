// Compile-only checks, run by `tsc -p tsconfig.json`: every `@ts-expect-error` below must be an
// error, or the build fails ("Unused '@ts-expect-error' directive").
import { verify } from '../verify/verify.js';
import { createReceiver, type Receiver } from './create-receiver.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

declare const tasks: Receiver<'task_events_v1'>;

// The handler's payload is the event's payload.
tasks.on('task.deleted', (delivery) => {
  assertType<Equal<typeof delivery.event, 'task.deleted'>>();
  const taskId: number = delivery.payload.data.task_id;
  // @ts-expect-error task.deleted carries no task object
  delivery.payload.data.task;
  return taskId;
});

// A name outside the model does not compile, alone or in a list.
// @ts-expect-error not an event of task_events_v1
tasks.on('task.archived', () => {});
// @ts-expect-error a typo in a list is caught too
tasks.on(['task.created', 'task.craeted'], () => {});

// A handler for several events narrows on `delivery.event`.
tasks.on(['task.created', 'task.deleted'], (delivery) => {
  // @ts-expect-error not narrowed yet: task.created has no task_id
  delivery.payload.data.task_id;
  if (delivery.event === 'task.created') {
    const title: string = delivery.payload.data.task.title;
    return title;
  }
  const taskId: number = delivery.payload.data.task_id;
  return taskId;
});

// onAny sees every known event as a discriminated union.
tasks.onAny((delivery) => {
  assertType<
    Equal<
      typeof delivery.event,
      'task.created' | 'task.updated' | 'task.completed' | 'task.deleted' | 'task.snoozed'
    >
  >();
});

// Unknown deliveries carry raw JSON, which must be checked before use.
tasks.onUnknown((delivery) => {
  assertType<Equal<typeof delivery.payload, unknown>>();
  assertType<Equal<typeof delivery.event, string | undefined>>();
});

// Configuration: a secret is required, except for header-auth whose credentials are the headers.
// @ts-expect-error no secret
createReceiver({ model: 'task_events_v1' });
// @ts-expect-error one of secret or secrets, not both
createReceiver({ model: 'task_events_v1', secret: 'a', secrets: ['b'] });
createReceiver({ model: 'task_events_v1', scheme: { scheme: 'header-auth', headers: { 'x-api-key': 'k' } } });
// @ts-expect-error not a model id
createReceiver({ model: 'task_events_v9', secret: 'whsec_x' });

// The model is inferred from the options; the receiver is typed by it.
const inferred = createReceiver({ model: 'task_events_v1', secret: 'whsec_x' });
assertType<Equal<typeof inferred, Receiver<'task_events_v1'>>>();

// verify() returns a union: check `known`, then switch on `event`.
async function standalone(body: string, headers: Record<string, string>) {
  const delivery = await verify({ model: 'task_events_v1', secret: 'whsec_x', body, headers });
  // @ts-expect-error may be an unknown delivery, whose payload is `unknown`
  delivery.payload.data;
  if (delivery.known && delivery.event === 'task.snoozed') {
    const previous: string | null = delivery.payload.data.previous_due_at;
    return previous;
  }
  return undefined;
}
void standalone;
