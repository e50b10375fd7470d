import { describe, expect, it } from 'vitest';
import { validateOutgoing } from '../../parse/parse-event.js';
import seedExample from './__fixtures__/seed-000-example.json' with { type: 'json' };
import { planExpiredExample, planStartedExample, submissionApprovedExample } from './examples.js';
import { checkPlanBoundV2Invariants } from './invariants.js';
import type { PlanBoundV2Payload } from './payload.js';

type Mutable = Record<string, unknown> & {
  tasks: Record<string, unknown>[];
  completed_tasks: Record<string, unknown>[];
  failed_tasks: Record<string, unknown>[];
  summary: Record<string, unknown>;
  plan: Record<string, unknown>;
  child: Record<string, unknown>;
  task?: Record<string, unknown>;
  submission?: Record<string, unknown>;
};

const seed = () => structuredClone(seedExample) as unknown as Mutable;
const approved = () => structuredClone(submissionApprovedExample) as unknown as Mutable;

/** Each case breaks one derived field of a valid payload; [name, build, path, message fragment]. */
const cases: [string, () => Mutable, string, string][] = [
  ['root status', () => ({ ...approved(), status: 'failed' }), 'status', '"failed" ≠ plan.status "active"'],
  [
    'automation key',
    () => ({ ...seed(), automation_key: 'other' }),
    'automation_key',
    '≠ plan.automation_key',
  ],
  ['child name', () => ({ ...seed(), child_name: null }), 'child_name', 'null ≠ child.name "Misi"'],
  ['plan title', () => ({ ...seed(), plan_title: 'Plan' }), 'plan_title', '"Plan" ≠ plan.title'],
  [
    'plan score at root',
    () => ({ ...seed(), score: 40 }),
    'score',
    '40 ≠ 37.5, the plan score (3 of 8 required reward points approved)',
  ],
  ['submission score at root', () => ({ ...approved(), score: 37.5 }), 'score', '≠ submission.score_pct 100'],
  [
    'display status',
    () => ({ ...seed(), display_status: 'failed' }),
    'display_status',
    '"failed" ≠ "partial"',
  ],
  [
    'plan score',
    () => with_(seed(), (p) => (p.plan.score_pct = 50)),
    'plan.score_pct',
    '50 ≠ 37.5, the plan score (3 of 8',
  ],
  [
    'plan window',
    () => with_(seed(), (p) => (p.plan.end_at = '2026-04-30T16:00:00')),
    'plan.end_at',
    'before',
  ],
  ...(
    [
      ['required_completed', 2, '2 ≠ 1 approved required tasks'],
      ['required_total', 3, '3 ≠ 2 required tasks'],
      ['stars_earned', 8, '8 ≠ 3 reward points of approved required tasks'],
      ['diamonds_earned', 0, '0 ≠ 2 reward points of approved bonus tasks'],
      ['score_pct', null, 'null ≠ 37.5, the plan score'],
      ['completed_count', 3, '3 ≠ 2 approved tasks'],
      ['failed_required_count', 0, '0 ≠ 1 required tasks not approved'],
    ] as const
  ).map(
    ([field, value, message]) =>
      [
        `summary.${field}`,
        () => with_(seed(), (p) => (p.summary[field] = value)),
        `summary.${field}`,
        message,
      ] as [string, () => Mutable, string, string],
  ),
  ['bonus flag', () => editTask(seed(), 0, { bonus: true }), 'tasks.0.bonus', 'opposite of required'],
  [
    'reward currency',
    () => editTask(seed(), 2, { reward_currency: 'star' }),
    'tasks.2.reward_currency',
    '"star" ≠ "diamond"',
  ],
  ['duplicate id', () => editTask(seed(), 2, { id: 'task-id-1' }), 'tasks.2.id', 'more than once'],
  ['task order', () => editTask(seed(), 1, { position: 0 }), 'tasks.1.position', 'sorted by position'],
  [
    'attempt number',
    () => editTask(seed(), 1, { latest_attempt_no: 2 }),
    'tasks.1.latest_attempt_no',
    '2 is greater than attempt_count 1',
  ],
  [
    'status without attempt',
    () => with_(planStarted(), (p) => (p.tasks[0]!.status = 'rejected')),
    'tasks.0.status',
    'attempt_count is 0',
  ],
  [
    'completed list',
    () => with_(seed(), (p) => p.completed_tasks.pop()),
    'completed_tasks',
    'lists ["task-id-1"] but the approved tasks are ["task-id-1","task-id-3"]',
  ],
  [
    'completed copy',
    () => with_(seed(), (p) => (p.completed_tasks[1]!.score = 90)),
    'completed_tasks.1.score',
    '90 ≠ 100 in tasks.2',
  ],
  [
    'failed list',
    () => with_(seed(), (p) => (p.failed_tasks = [])),
    'failed_tasks',
    'required tasks that are not',
  ],
  [
    'failed copy',
    () => with_(seed(), (p) => (p.failed_tasks[0]!.title = 'Maths')),
    'failed_tasks.0.title',
    '"Maths" ≠ "Math quiz" in tasks.1',
  ],
  [
    'affected task copy',
    () => with_(approved(), (p) => (p.task!.score = 90)),
    'task.score',
    '90 ≠ 100 in tasks.0',
  ],
  [
    'review before submission',
    () => with_(approved(), (p) => (p.submission!.reviewed_at = '2026-04-30T17:00:00')),
    'submission.reviewed_at',
    'before submission.submitted_at',
  ],
  [
    'failed plan with all required approved',
    () => allRequiredApproved(seed()),
    'status',
    '"failed" but every required task is approved',
  ],
  [
    'expired plan without pending review',
    () => with_(structuredClone(planExpiredExample) as unknown as Mutable, (p) => noPending(p)),
    'status',
    'requires at least one task with status "pending_review"',
  ],
];

function with_(payload: Mutable, change: (payload: Mutable) => unknown): Mutable {
  change(payload);
  return payload;
}

/** Changes tasks[index] and every copy of it (completed_tasks, failed_tasks, task) alike. */
function editTask(payload: Mutable, index: number, change: Record<string, unknown>): Mutable {
  const id = payload.tasks[index]!.id;
  const copies = [
    ...payload.completed_tasks,
    ...payload.failed_tasks,
    ...(payload.task ? [payload.task] : []),
  ];
  for (const task of [payload.tasks[index]!, ...copies.filter((copy) => copy.id === id)])
    Object.assign(task, change);
  return payload;
}

function planStarted(): Mutable {
  return structuredClone(planStartedExample) as unknown as Mutable;
}

/** Turns the seed's rejected quiz into an approved one and fixes every derived field, except the status. */
function allRequiredApproved(payload: Mutable): Mutable {
  Object.assign(payload.tasks[1]!, { status: 'approved', latest_attempt_status: 'approved', score: 100 });
  payload.completed_tasks = [...payload.tasks];
  payload.failed_tasks = [];
  Object.assign(payload.summary, {
    required_completed: 2,
    stars_earned: 8,
    score_pct: 100,
    completed_count: 3,
    failed_required_count: 0,
  });
  Object.assign(payload.plan, { score_pct: 100 });
  return Object.assign(payload, { score: 100, display_status: 'partial' });
}

/** The expired example with its pending submissions turned into never-submitted tasks. */
function noPending(payload: Mutable): void {
  for (const list of [payload.tasks, payload.failed_tasks]) {
    for (const task of list) {
      if (task.status === 'pending_review') {
        Object.assign(task, {
          status: null,
          attempt_count: 0,
          latest_attempt_status: null,
          latest_attempt_no: null,
        });
      }
    }
  }
}

describe('checkPlanBoundV2Invariants', () => {
  it('finds nothing wrong in consistent payloads', () => {
    for (const payload of [seed(), approved(), planStarted()]) {
      expect(checkPlanBoundV2Invariants(payload as unknown as PlanBoundV2Payload)).toEqual([]);
    }
  });

  it.each(cases)('detects a wrong %s', (_name, build, path, message) => {
    const result = validateOutgoing('plan_bound_v2', build());
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    expect(issues).toContainEqual({ path, code: 'invariant', message: expect.stringContaining(message) });
    // Only the broken field (plus, for list edits, nothing else) is reported.
    expect(issues.map((issue) => issue.path)).toEqual([path]);
    expect(result.error!.message).toContain(`${path}: `);
  });

  it('lists every broken field at once', () => {
    const payload = with_(seed(), (p) => {
      p.summary.required_total = 3;
      p.tasks[0]!.reward_currency = 'diamond';
      p.plan_title = 'Other';
    });
    const result = validateOutgoing('plan_bound_v2', payload);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      'plan_title',
      'tasks.0.reward_currency',
      'summary.required_total',
      'completed_tasks.0.reward_currency',
    ]);
    expect(result.error?.message).toContain('summary.required_total: 3 ≠ 2 required tasks');
  });

  it('orders datetimes by their wall-clock digits, whatever time zone validates them', () => {
    const window = (start: string, end: string) =>
      with_(seed(), (p) => {
        p.plan.start_at = start;
        p.plan.end_at = end;
      });
    const verdicts = () => [
      // 02:30 does not exist in Budapest on 2026-03-29 (clocks jump to 03:00): Date.parse read it as 03:30.
      validateOutgoing('plan_bound_v2', window('2026-03-29T02:30:00', '2026-03-29T03:15:00')).success,
      validateOutgoing('plan_bound_v2', window('2026-04-30T17:00:00', '2026-04-30T17:30:00Z')).success,
      validateOutgoing('plan_bound_v2', window('2026-04-30T17:00:00.5', '2026-04-30T17:00')).success,
      validateOutgoing('plan_bound_v2', window('2026-04-30T17:00', '2026-04-30T17:00:00.000')).success,
    ];
    const zone = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Europe/Budapest', 'America/New_York', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        expect([tz, ...verdicts()]).toEqual([tz, true, true, false, true]);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('runs only on schema-valid payloads: validateOutgoing reports schema errors first', () => {
    const payload = with_(seed(), (p) => {
      p.summary.required_total = -1;
      p.plan_title = 'Other';
    });
    const result = validateOutgoing('plan_bound_v2', payload);
    expect(result.error?.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['summary.required_total', 'too_small'],
    ]);
  });
});
