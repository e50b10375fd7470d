import { ContractError, type ContractIssue, issuesFromZod } from '../../parse/contract-error.js';
import {
  buildPlanBoundV2Payload,
  type PlanBoundV2Input,
  type PlanEventInput,
  type PlanInput,
  type SubmissionEventInput,
} from '../plan-bound-v2/builder.js';
import type { PlanStatus } from '../plan-bound-v2/enums.js';
import type { PlanBoundV2Payload, PlanEventName, SubmissionEventName } from '../plan-bound-v2/payload.js';
import { checkPlanBoundV3Invariants } from './invariants.js';
import {
  type PlanBoundV3EventName,
  type PlanBoundV3Payload,
  type PlanBoundV3PayloadOf,
  planBoundV3PayloadSchemas,
} from './payload.js';
import type { FamilyV3 } from './plan.js';
import { PLAN_BOUND_V3 } from './scalars.js';
import { isKnownTimeZone, timeZoneSpelling, toZonedTimestamp } from './zoned-time.js';

/** v2's plan input without `name`; `start_at`/`end_at` as described on {@link V3Fields}. */
export type PlanInputV3 = Omit<PlanInput, 'name'>;

/**
 * What v3 needs beyond a v2 builder input. Every timestamp (`occurredAt`, `plan.start_at`,
 * `plan.end_at`, `submission.submitted_at`, `submission.reviewed_at`) may be RFC 3339 with an
 * offset, or a wall time without offset (as in v2) that is read in `family.timezone`; the
 * payload renders each in `family.timezone` with its offset.
 */
interface V3Fields {
  /** The event id (UUID); reuse it on every retry and for every version rendered from the event. */
  id: string;
  tenantId: string;
  family: FamilyV3;
  plan: PlanInputV3;
}

export type PlanEventInputV3<E extends PlanEventName = PlanEventName> = Omit<
  PlanEventInput<E>,
  'family' | 'plan'
> &
  V3Fields;

export type SubmissionEventInputV3<E extends SubmissionEventName = SubmissionEventName> = Omit<
  SubmissionEventInput<E>,
  'family' | 'plan'
> &
  V3Fields & { plan: PlanInputV3 & { status: PlanStatus } };

export type PlanBoundV3Input = PlanEventInputV3 | SubmissionEventInputV3;

/**
 * Placeholder timestamps for the v2 derivation below: v2's builder derives every task-dependent
 * field, while v3 resolves the zone-aware timestamps itself and checks their order with v3's
 * invariants, so messages show the values the caller will see.
 */
const DERIVATION_ONLY_TIME = '2000-01-01T00:00:00';

/**
 * Builds a complete plan_bound_v3 payload: the same derivations as v2 (summary, lists, mirrors,
 * score, display status, currencies; done by v2's builder), plus id, tenant and zone-aware
 * timestamps. Throws a ContractError naming each bad field, like v2's builder.
 */
export function buildPlanBoundV3Payload<E extends PlanEventName>(
  input: PlanEventInputV3<E>,
): PlanBoundV3PayloadOf<E>;
export function buildPlanBoundV3Payload<E extends SubmissionEventName>(
  input: SubmissionEventInputV3<E>,
): PlanBoundV3PayloadOf<E>;
export function buildPlanBoundV3Payload(input: PlanBoundV3Input): PlanBoundV3Payload {
  if (!Object.hasOwn(planBoundV3PayloadSchemas, input.event)) {
    throw new ContractError(PLAN_BOUND_V3, input.event, [
      {
        path: 'event',
        code: 'unknown_event',
        message: `${JSON.stringify(input.event)} is not a plan_bound_v3 event; known events: ${Object.keys(planBoundV3PayloadSchemas).join(', ')}`,
      },
    ]);
  }
  const times = resolveTimestamps(input);
  const derived = deriveWithV2(input);
  const { name: _sameAsTitle, ...plan } = derived.plan;
  const payload = {
    id: input.id,
    event: derived.event,
    model: PLAN_BOUND_V3,
    tenant_id: input.tenantId,
    occurred_at: times.occurred_at,
    status: derived.status,
    display_status: derived.display_status,
    score: derived.score,
    automation_key: derived.automation_key,
    child_name: derived.child_name,
    plan_title: derived.plan_title,
    family: { id: input.family.id, timezone: input.family.timezone },
    child: derived.child,
    plan: { ...plan, start_at: times.start_at, end_at: times.end_at },
    summary: derived.summary,
    tasks: derived.tasks,
    completed_tasks: derived.completed_tasks,
    failed_tasks: derived.failed_tasks,
    ...('submission' in derived
      ? {
          task: derived.task,
          submission: {
            ...derived.submission,
            submitted_at: times.submitted_at,
            reviewed_at: times.reviewed_at,
          },
        }
      : {}),
  };
  return validated(input.event, payload);
}

interface ResolvedTimes {
  occurred_at: string;
  start_at: string;
  end_at: string;
  submitted_at?: string;
  reviewed_at?: string | null;
}

function resolveTimestamps(input: PlanBoundV3Input): ResolvedTimes {
  const { timezone } = input.family;
  if (!isKnownTimeZone(timezone)) {
    const spelling = timeZoneSpelling(timezone);
    throw new ContractError(PLAN_BOUND_V3, input.event, [
      {
        path: 'family.timezone',
        code: 'invalid_time_zone',
        message:
          spelling === undefined
            ? `${JSON.stringify(timezone)} is not an IANA time zone known to the time zone database (e.g. "Europe/Budapest")`
            : `${JSON.stringify(timezone)} must be written ${JSON.stringify(spelling)}: time zone names are case-sensitive in most time zone databases`,
      },
    ]);
  }
  const issues: ContractIssue[] = [];
  const zoned = (path: string, value: string): string => {
    const rendered = typeof value === 'string' ? toZonedTimestamp(value, timezone) : null;
    if (rendered !== null) return rendered;
    issues.push({
      path,
      code: 'invalid_format',
      message: `${JSON.stringify(value)} is neither RFC 3339 with offset (2026-04-30T18:30:00+02:00) nor a wall time (2026-04-30T18:30:00) to read in ${timezone}`,
    });
    return value;
  };
  const times: ResolvedTimes = {
    occurred_at: zoned('occurred_at', input.occurredAt),
    start_at: zoned('plan.start_at', input.plan.start_at),
    end_at: zoned('plan.end_at', input.plan.end_at),
  };
  const { submission } = input as Partial<SubmissionEventInputV3>;
  if (submission) {
    times.submitted_at = zoned('submission.submitted_at', submission.submitted_at);
    times.reviewed_at =
      submission.reviewed_at === null ? null : zoned('submission.reviewed_at', submission.reviewed_at);
  }
  if (issues.length > 0) throw new ContractError(PLAN_BOUND_V3, input.event, issues);
  return times;
}

function deriveWithV2(input: PlanBoundV3Input): PlanBoundV2Payload {
  const {
    id: _id,
    tenantId: _tenantId,
    family,
    plan,
    submission,
    ...rest
  } = input as PlanBoundV3Input & {
    submission?: SubmissionEventInputV3['submission'];
  };
  const v2Input = {
    ...rest,
    occurredAt: DERIVATION_ONLY_TIME,
    family: { id: family.id },
    plan: { ...plan, start_at: DERIVATION_ONLY_TIME, end_at: DERIVATION_ONLY_TIME },
    ...(submission === undefined
      ? {}
      : {
          submission: {
            ...submission,
            submitted_at: DERIVATION_ONLY_TIME,
            reviewed_at: submission.reviewed_at === null ? null : DERIVATION_ONLY_TIME,
          },
        }),
  } as PlanBoundV2Input;
  try {
    return buildPlanBoundV2Payload(v2Input as SubmissionEventInput);
  } catch (error) {
    // Same paths and rules in both versions; report them under the model the caller builds.
    if (error instanceof ContractError) throw new ContractError(PLAN_BOUND_V3, input.event, error.issues);
    throw error;
  }
}

function validated(event: PlanBoundV3EventName, payload: unknown): PlanBoundV3Payload {
  const parsed = planBoundV3PayloadSchemas[event].safeParse(payload);
  if (!parsed.success) throw new ContractError(PLAN_BOUND_V3, event, issuesFromZod(parsed.error));
  const issues = checkPlanBoundV3Invariants(parsed.data);
  if (issues.length > 0) throw new ContractError(PLAN_BOUND_V3, event, issues);
  // Return the built object, not zod's copy, to keep the documented key order untouched.
  return payload as PlanBoundV3Payload;
}
