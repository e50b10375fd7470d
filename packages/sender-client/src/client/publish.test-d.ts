// Compile-time proof (checked by `tsc -p tsconfig.json`): payloads, events and management inputs
// are typed from the contracts and the shared API schemas. Every @ts-expect-error below must fail
// to compile for the reason given, or tsc reports the directive as unused.
import type { EventName, PayloadInput } from '@taskhooks/contracts';
import type { ProcedureOutput, SenderClient } from '../index.js';
import { publishEvent } from '../index.js';

declare const client: SenderClient;
declare const planCompleted: PayloadInput<'plan_bound_v2', 'plan.completed'>;

const task = {
  id: 42,
  title: 'Call dentist',
  done: true,
  priority: 2,
  due_at: null,
  labels: [],
  project_id: null,
  is_recurring: false,
  is_snoozed: false,
};
const completed = { event: 'task.completed', timestamp: '2026-02-27T15:00:00Z', data: { task } } as const;

export async function typedPublishing() {
  const ok = await client.publish('task_events_v1', 'task.completed', completed);
  const id: string = ok.messageId;
  const duplicate: boolean = ok.duplicate;
  await client.publish('plan_bound_v2', 'plan.completed', planCompleted, { idempotencyKey: 'plan-1' });

  // @ts-expect-error — no such event in task_events_v1
  await client.publish('task_events_v1', 'task.finished', completed);
  // @ts-expect-error — no such model
  await client.publish('task_events_v9', 'task.completed', completed);
  // @ts-expect-error — an event of another model
  await client.publish('plan_bound_v2', 'task.completed', completed);
  // @ts-expect-error — payload of another event (task.deleted carries task_id and title)
  await client.publish('task_events_v1', 'task.deleted', completed);
  // @ts-expect-error — a required field is missing
  await client.publish('task_events_v1', 'task.completed', { event: 'task.completed', data: { task } });
  await client.publish('task_events_v1', 'task.completed', {
    ...completed,
    // @ts-expect-error — a field has the wrong type
    data: { task: { ...task, priority: 'high' } },
  });
  await client.publish('task_events_v1', 'task.completed', {
    event: 'task.completed',
    timestamp: '2026-02-27T15:00:00Z',
    // @ts-expect-error — an unknown field (the contract objects are strict)
    data: { task, colour: 'red' },
  });

  await client.publishBatch([
    { model: 'task_events_v1', event: 'task.completed', payload: completed },
    { model: 'plan_bound_v2', event: 'plan.completed', payload: planCompleted },
    publishEvent('task_events_v1', 'task.completed', completed),
  ]);
  await client.publishBatch([
    // @ts-expect-error — batch entries are checked per model and event too
    { model: 'task_events_v1', event: 'task.completed', payload: planCompleted },
  ]);
  return { id, duplicate };
}

export async function typedManagement() {
  const created = await client.endpoints.create({ url: 'https://example.com/hook', model: 'task_events_v1' });
  const secret: string | null = created.secret;
  const endpointId: string = created.endpoint.id;
  // @ts-expect-error — url is required
  await client.endpoints.create({ model: 'task_events_v1' });
  // @ts-expect-error — not a retry preset
  await client.endpoints.update({ endpointId, retry: { preset: 'hourly' } });
  await client.endpoints.update({ endpointId, retry: { preset: 'seed-003' }, enabled: false });
  // @ts-expect-error — delivery states are an enum
  await client.deliveries.list({ endpointId, status: 'lost' });
  const page: ProcedureOutput<'deliveries.list'> = await client.deliveries.list({
    endpointId,
    since: '2026-05-01T00:00:00Z',
  });
  const state: 'pending' | 'in_flight' | 'succeeded' | 'failed' | 'skipped' | undefined =
    page.items[0]?.status;
  const key: string = (await client.apiKeys.create({ name: 'app' })).key;
  // @ts-expect-error — the call path is checked
  await client.call('endpoints.remove', { endpointId });
  // Every field of these inputs is optional, so the input may be left out, as on the named methods.
  const listed: ProcedureOutput<'endpoints.list'> = await client.call('endpoints.list');
  await client.call('messages.list', undefined, { signal: AbortSignal.timeout(1000) });
  await client.call('endpoints.list', { tenantId: 'family-1' });
  // @ts-expect-error — endpoints.get needs its input
  await client.call('endpoints.get');
  // @ts-expect-error — the input is still checked when given
  await client.call('endpoints.list', { tenantID: 'family-1' });
  return { secret, state, key, listed };
}

// A generic wrapper over publish (an app's own emit helper) compiles: the payload type must stay
// resolvable for an event name that is a type parameter.
export function emit<E extends EventName<'task_events_v1'>>(
  event: E,
  payload: PayloadInput<'task_events_v1', E>,
) {
  return client.publish('task_events_v1', event, payload);
}
