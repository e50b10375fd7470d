import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from './testing/api-harness.js';

const created = eventMetadata(getEventSchema('task_events_v1', 'task.created')).examples[0] as {
  event: string;
  data: { task: Record<string, unknown> };
};
const withTask = (task: Record<string, unknown>) => ({
  ...created,
  data: { task: { ...created.data.task, ...task } },
});

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('refused publishes', () => {
  it('a batch names every refused event, not only the first, and stores nothing', async () => {
    h = await startApiHarness('sqlite');
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const event = (payload: unknown, model = 'task_events_v1') => ({ model, event: 'task.created', payload });
    const refused = await h.call('events.publishBatch', {
      tenantId: 'fam',
      events: [event(created), event(withTask({ id: 'x' })), event(created), event(created, 'nope_v1')],
    });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toMatch(
      /^2 of 4 events are refused, nothing was stored: 1: .*; 3: Unknown model "nope_v1"/s,
    );
    expect(refused.error?.data.issues.map((issue) => issue.path)).toEqual([
      '1.payload.data.task.id',
      '3.model',
    ]);
    expect((await h.store.listMessages({ tenantId: 'fam' })).items).toEqual([]);
  });

  it('an event the model does not have is named as such, even when payload.event names another', async () => {
    h = await startApiHarness('sqlite');
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const refused = await h.call('events.publish', {
      tenantId: 'fam',
      model: 'task_events_v1',
      event: 'task.nope',
      payload: created, // its own event is task.created, a known one
    });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toMatch(
      /^"task\.nope" is not an event of task_events_v1; known events: .*task\.created/,
    );
    expect(refused.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'event', code: 'unknown_event' }),
    ]);
    expect((await h.store.listMessages({ tenantId: 'fam' })).items).toEqual([]);
  });
});
