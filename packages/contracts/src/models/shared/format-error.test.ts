import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../parse/parse-event.js';
import { eventMetadata } from '../../registry/metadata.js';
import { getEventSchema } from '../../registry/registry.js';

const example = (model: string, event: string) =>
  structuredClone(eventMetadata(getEventSchema(model as never, event as never)).examples[0]) as Record<
    string,
    unknown
  >;
const issue = (model: string, payload: unknown) => parseEvent(model as never, payload).error?.issues[0];

describe('format errors name what was expected, with an example', () => {
  it('for every model with dates or times, and only for malformed strings', () => {
    const v2 = { ...example('plan_bound_v2', 'plan.failed'), occurred_at: '2026-04-30T18:30:00+02:00' };
    expect(issue('plan_bound_v2', v2)?.message).toBe(
      '"2026-04-30T18:30:00+02:00" is not a date-time in the server\'s local time without an offset, e.g. "2026-04-30T18:30:00" (plan_bound_v3 carries offsets)',
    );
    const date = example('plan_bound_v2', 'plan.failed');
    (date.plan as Record<string, unknown>).date = '30/04/2026';
    expect(issue('plan_bound_v2', date)).toMatchObject({
      path: 'plan.date',
      message: '"30/04/2026" is not a calendar date YYYY-MM-DD, e.g. "2026-04-30"',
    });
    const extension = { ...example('extension_v1', 'lock.frozen'), timestamp: '2026-02-16T01:23:45Z' };
    expect(issue('extension_v1', extension)?.message).toBe(
      '"2026-02-16T01:23:45Z" is not a UTC date-time with exactly three fractional digits, e.g. "2026-02-16T01:23:45.678Z"',
    );
    const task = { ...example('task_events_v1', 'task.created'), timestamp: 'yesterday' };
    expect(issue('task_events_v1', task)?.message).toBe(
      '"yesterday" is not an ISO 8601 date-time with Z or an offset, e.g. "2026-04-30T18:30:00Z"',
    );
    const due = example('task_events_v1', 'task.created');
    ((due.data as Record<string, unknown>).task as Record<string, unknown>).due_at = 'tomorrow';
    expect(issue('task_events_v1', due)).toMatchObject({
      path: 'data.task.due_at',
      message: '"tomorrow" is not an ISO 8601 date-time with Z or an offset, e.g. "2026-04-30T18:30:00Z"',
    });
    const disabled = example('taskhooks_operational_v1', 'endpoint.disabled');
    (disabled.data as Record<string, unknown>).failingSince = '2026-05-01 10:00';
    expect(issue('taskhooks_operational_v1', disabled)?.message).toBe(
      '"2026-05-01 10:00" is not an ISO 8601 date-time with Z or an offset, e.g. "2026-04-30T18:30:00Z"',
    );
    // A missing or non-string value keeps saying so.
    const { occurred_at: _missing, ...withoutTime } = example('plan_bound_v2', 'plan.failed');
    expect(issue('plan_bound_v2', withoutTime)).toMatchObject({ path: 'occurred_at', code: 'invalid_type' });
    expect(issue('plan_bound_v2', withoutTime)?.message).not.toContain('is not a date-time');
  });
});
