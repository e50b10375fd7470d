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

  it('an idempotency key takes the same rule in the body as in the header: no blank, no edge whitespace', async () => {
    h = await startApiHarness('sqlite');
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const publish = (idempotencyKey: string) =>
      h!.call('events.publish', {
        tenantId: 'fam',
        model: 'task_events_v1',
        event: 'task.created',
        payload: created,
        idempotencyKey,
      });
    for (const key of ['   ', ' key', 'key\t']) {
      const refused = await publish(key);
      expect([key, refused.status]).toEqual([key, 400]);
      expect(refused.error?.data.issues).toEqual([
        expect.objectContaining({ path: 'idempotencyKey', message: expect.stringMatching(/whitespace/) }),
      ]);
    }
    expect((await publish('a key with inner spaces')).status).toBe(200);
    expect((await h.store.listMessages({ tenantId: 'fam' })).items).toHaveLength(1);
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
