// Compile-only tests: `tsc` (the typecheck task) fails if any line marked @ts-expect-error compiles.

import { assertPayload, parseEvent } from '../parse/parse-event.js';
import type { AnyPayloadOf, EventName, PayloadOf } from './registry.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_proof?: T) => {};

// Event names are a closed union per model.
assertType<
  Equals<
    EventName<'task_events_v1'>,
    'task.created' | 'task.updated' | 'task.completed' | 'task.deleted' | 'task.snoozed'
  >
>();

// @ts-expect-error — 'task.archived' is not an event of task_events_v1
export type WrongEvent = PayloadOf<'task_events_v1', 'task.archived'>;

// @ts-expect-error — the model id itself is checked too
export type WrongModel = EventName<'task_events_v9'>;

declare const raw: unknown;

// A payload's fields are typed by its event…
const deleted = assertPayload('task_events_v1', 'task.deleted', raw);
assertType<Equals<typeof deleted.data.task_id, number>>();
// @ts-expect-error — task.deleted carries task_id and title, not the task object
deleted.data.task;

// @ts-expect-error — wrong event name for this model is rejected at the call site
assertPayload('task_events_v1', 'plan.completed', raw);

// …and parseEvent's result narrows by the `event` discriminator.
const parsed = parseEvent('task_events_v1', raw);
if (parsed.success && parsed.data.event === 'task.updated') {
  assertType<Equals<typeof parsed.data.data.fields_changed, string[]>>();
}

export const union: AnyPayloadOf<'task_events_v1'>['event'] = 'task.snoozed';
// @ts-expect-error — not a member of the union
export const notInUnion: AnyPayloadOf<'task_events_v1'>['event'] = 'task.archived';

// The flagship model: plan.* and submission.* only.
assertType<
  Equals<
    EventName<'plan_bound_v2'>,
    | 'plan.started'
    | 'plan.completed'
    | 'plan.failed'
    | 'plan.expired'
    | 'submission.pending_review'
    | 'submission.approved'
    | 'submission.rejected'
  >
>();
// @ts-expect-error — 'plan.finished' is not an event of plan_bound_v2 (it is plan.completed)
export type WrongPlanEvent = PayloadOf<'plan_bound_v2', 'plan.finished'>;

const failed = assertPayload('plan_bound_v2', 'plan.failed', raw);
assertType<Equals<typeof failed.summary.required_total, number>>();
// @ts-expect-error — plan events carry no submission
failed.submission;
const approved = assertPayload('plan_bound_v2', 'submission.approved', raw);
assertType<Equals<typeof approved.submission.id, string>>();
// @ts-expect-error — misspelled field
approved.sumary;
