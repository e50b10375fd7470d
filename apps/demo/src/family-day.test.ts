import { validateOutgoing } from '@taskhooks/contracts';
import { describe, expect, it } from 'vitest';
import { familyDay } from './family-day.js';

describe('familyDay', () => {
  const steps = familyDay();

  it('is a valid plan_bound_v2 payload at every step (strict schema and cross-field invariants)', () => {
    for (const step of steps) {
      const parsed = validateOutgoing('plan_bound_v2', step.payload);
      expect(parsed.success, `${step.event}: ${JSON.stringify(parsed)}`).toBe(true);
    }
  });

  it('covers a plan starting, reviews, approvals, a rejection, a completion and a failure, in time order', () => {
    expect(new Set(steps.map((step) => step.event))).toEqual(
      new Set([
        'plan.started',
        'submission.pending_review',
        'submission.approved',
        'submission.rejected',
        'plan.completed',
        'plan.failed',
      ]),
    );
    const times = steps.map((step) => step.payload.occurred_at);
    expect(times).toEqual([...times].sort());
  });

  it('ends with Maya’s plan completed and Leo’s failed as partial', () => {
    const completed = steps.find((step) => step.event === 'plan.completed');
    const failed = steps.find((step) => step.event === 'plan.failed');
    expect(completed?.payload.child_name).toBe('Maya');
    expect(failed?.payload.child_name).toBe('Leo');
    expect(failed?.payload.display_status).toBe('partial');
  });
});
