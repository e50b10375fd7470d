import type { PlanBoundV2Payload } from '../../models/plan-bound-v2/payload.js';
import type { PlanBoundV3Payload } from '../../models/plan-bound-v3/payload.js';
import { toWallTimeIn } from '../../models/plan-bound-v3/zoned-time.js';

/**
 * Renders a plan_bound_v3 event the way plan_bound_v2 carried it: no `id` or `tenant_id`, the
 * family without its zone, `plan.name` as the copy of `title` it always was, and every
 * timestamp as the family's wall time without offset (v2's "server local time"). Lossy by
 * design: v2 receivers cannot deduplicate or tell instants apart across a DST fall-back.
 */
export function planBoundV3ToV2(payload: PlanBoundV3Payload): PlanBoundV2Payload {
  const zone = payload.family.timezone;
  const wallTime = (timestamp: string): string => {
    const rendered = toWallTimeIn(timestamp, zone);
    // Unreachable for payloads that passed the v3 schema; kept so a bad input cannot pass silently.
    if (rendered === null) throw new Error(`not an RFC 3339 timestamp: ${JSON.stringify(timestamp)}`);
    return rendered;
  };
  const { plan } = payload;
  const v2 = {
    event: payload.event,
    model: 'plan_bound_v2',
    occurred_at: wallTime(payload.occurred_at),
    status: payload.status,
    display_status: payload.display_status,
    score: payload.score,
    automation_key: payload.automation_key,
    child_name: payload.child_name,
    plan_title: payload.plan_title,
    family: { id: payload.family.id },
    child: payload.child,
    plan: {
      id: plan.id,
      title: plan.title,
      name: plan.title,
      automation_key: plan.automation_key,
      date: plan.date,
      status: plan.status,
      start_at: wallTime(plan.start_at),
      end_at: wallTime(plan.end_at),
      ordered: plan.ordered,
      score_pct: plan.score_pct,
    },
    summary: payload.summary,
    tasks: payload.tasks,
    completed_tasks: payload.completed_tasks,
    failed_tasks: payload.failed_tasks,
    ...('submission' in payload
      ? {
          task: payload.task,
          submission: {
            ...payload.submission,
            submitted_at: wallTime(payload.submission.submitted_at),
            reviewed_at:
              payload.submission.reviewed_at === null ? null : wallTime(payload.submission.reviewed_at),
          },
        }
      : {}),
  };
  // Per-event narrowing is not visible through the spread; convertPayload validates the result.
  return v2 as PlanBoundV2Payload;
}
