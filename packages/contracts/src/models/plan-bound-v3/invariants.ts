import type { ContractIssue } from '../../parse/contract-error.js';
import { InvariantReport, show } from '../plan-bound-v2/invariant-report.js';
import { checkPlanBoundV2Invariants } from '../plan-bound-v2/invariants.js';
import type { PlanBoundV3Payload } from './payload.js';
import {
  instantOf,
  isKnownTimeZone,
  offsetMinutesAt,
  parseTimestamp,
  renderInZone,
  renderOffset,
  timeZoneSpelling,
} from './zoned-time.js';

/**
 * Cross-field rules of plan_bound_v3: all of v2's (run by v2's own code on a v2-shaped view, so
 * the rules exist once), plus the time zone rules v2 had no data for. Expects a payload that
 * already passed the strict schema.
 */
export function checkPlanBoundV3Invariants(payload: PlanBoundV3Payload): ContractIssue[] {
  const report = new InvariantReport();
  report.issues.push(...checkPlanBoundV2Invariants(asV2RuleInput(payload)));
  checkTimestampsInFamilyZone(payload, report);
  return report.issues;
}

/**
 * A v3 payload as v2's rules read it: v3 fields v2 lacks are ignored by them, and `model` and
 * `plan.name` (which they never read) are filled in. Passing this type to v2's checker makes the
 * compiler flag any shared field whose shape drifts between the versions. Timestamps keep their
 * offsets: v2's ordering checks use Date.parse, which reads those exactly.
 */
type AsV2<P> = P extends { plan: infer Plan }
  ? Omit<P, 'model' | 'plan'> & { model: 'plan_bound_v2'; plan: Plan & { name: string } }
  : never;

function asV2RuleInput(payload: PlanBoundV3Payload): AsV2<PlanBoundV3Payload> {
  const plan = { ...payload.plan, name: payload.plan.title };
  return { ...payload, model: 'plan_bound_v2', plan } as AsV2<PlanBoundV3Payload>;
}

/** Every timestamp is written in the family's zone, so its digits are the family's wall time. */
function checkTimestampsInFamilyZone(payload: PlanBoundV3Payload, report: InvariantReport): void {
  const { timezone } = payload.family;
  if (!isKnownTimeZone(timezone)) {
    const spelling = timeZoneSpelling(timezone);
    report.add(
      'family.timezone',
      spelling === undefined
        ? `${show(timezone)} is not an IANA time zone known to the time zone database`
        : `${show(timezone)} must be written ${show(spelling)}: time zone names are case-sensitive in most time zone databases`,
    );
    return;
  }
  for (const [path, value] of timestampsOf(payload)) {
    const parsed = parseTimestamp(value);
    if (!parsed || parsed.offsetMinutes === null) continue; // the schema already rejected it
    const instant = instantOf(parsed, timezone);
    const expected = offsetMinutesAt(instant, timezone);
    if (parsed.offsetMinutes !== expected) {
      report.add(
        path,
        `${show(value)} has offset ${renderOffset(parsed.offsetMinutes)}, but ${timezone} is at ${renderOffset(expected)} at that instant; render it in family.timezone as ${show(renderInZone(instant, parsed.fraction, timezone))}`,
      );
    }
  }
}

export function timestampsOf(payload: PlanBoundV3Payload): [string, string][] {
  const found: [string, string][] = [
    ['occurred_at', payload.occurred_at],
    ['plan.start_at', payload.plan.start_at],
    ['plan.end_at', payload.plan.end_at],
  ];
  if ('submission' in payload) {
    found.push(['submission.submitted_at', payload.submission.submitted_at]);
    if (payload.submission.reviewed_at !== null) {
      found.push(['submission.reviewed_at', payload.submission.reviewed_at]);
    }
  }
  return found;
}
