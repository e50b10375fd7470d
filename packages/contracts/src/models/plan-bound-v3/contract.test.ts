import { describe, expect, it } from 'vitest';
import { parseEvent, validateOutgoing } from '../../parse/parse-event.js';
import { eventMetadata } from '../../registry/metadata.js';
import { getEventSchema, listEvents } from '../../registry/registry.js';
import seedExample from '../plan-bound-v2/__fixtures__/seed-000-example.json' with { type: 'json' };
import { planFailedV3Example, submissionApprovedV3Example } from './examples.js';

/** A JSON round trip: the built examples share task objects between lists, as JSON never does. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const outgoingPaths = (raw: unknown) => {
  const result = validateOutgoing('plan_bound_v3', raw);
  return result.success ? [] : result.error.issues.map((issue) => issue.path).sort();
};

describe('plan_bound_v3 contract', () => {
  it('has exactly the seven events of v2', () => {
    expect(listEvents('plan_bound_v3')).toEqual(listEvents('plan_bound_v2'));
  });

  it('every docs example passes the schema and the invariants', () => {
    for (const event of listEvents('plan_bound_v3')) {
      const examples = eventMetadata(getEventSchema('plan_bound_v3', event)).examples;
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        expect(validateOutgoing('plan_bound_v3', example).error?.message, event).toBeUndefined();
        expect(example).toMatchObject({
          event,
          model: 'plan_bound_v3',
          family: { timezone: 'Europe/Budapest' },
        });
      }
    }
  });

  it('gives each example its own event id', () => {
    const ids = listEvents('plan_bound_v3').map(
      (event) => (eventMetadata(getEventSchema('plan_bound_v3', event)).examples[0] as { id: string }).id,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects a v2 payload: no id, tenant or zone, plan.name, timestamps without offset', () => {
    const result = parseEvent('plan_bound_v3', { ...clone(seedExample), model: 'plan_bound_v3' });
    const paths = result.error?.issues.map((issue) => issue.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'tenant_id',
        'occurred_at',
        'family.timezone',
        'plan',
        'plan.start_at',
        'plan.end_at',
      ]),
    );
    expect(result.error?.message).toContain('"name"');
  });

  it('requires an offset on every timestamp', () => {
    const noOffset = clone(submissionApprovedV3Example);
    noOffset.submission.reviewed_at = '2026-04-30T17:35:12';
    noOffset.occurred_at = '2026-04-30T17:35:12Z'.replace('Z', '');
    expect(outgoingPaths(noOffset)).toEqual(['occurred_at', 'submission.reviewed_at']);
  });

  it('requires timestamps rendered in the family zone, naming the right rendering', () => {
    const utc = clone(planFailedV3Example);
    utc.occurred_at = '2026-04-30T16:30:00Z';
    const result = validateOutgoing('plan_bound_v3', utc);
    expect(result.error?.issues).toEqual([
      {
        path: 'occurred_at',
        code: 'invariant',
        message:
          '"2026-04-30T16:30:00Z" has offset +00:00, but Europe/Budapest is at +02:00 at that instant; render it in family.timezone as "2026-04-30T18:30:00+02:00"',
      },
    ]);
  });

  it('checks the family zone against the time zone database', () => {
    const unknownZone = clone(planFailedV3Example);
    unknownZone.family.timezone = 'Europe/Atlantis';
    expect(parseEvent('plan_bound_v3', unknownZone).success).toBe(true);
    expect(outgoingPaths(unknownZone)).toEqual(['family.timezone']);
    unknownZone.family.timezone = 'Europe Budapest';
    expect(parseEvent('plan_bound_v3', unknownZone).error?.issues.map((issue) => issue.path)).toEqual([
      'family.timezone',
    ]);
  });

  it('names time zones only as the time zone database spells them (most are case-sensitive)', () => {
    const lowerCase = clone(planFailedV3Example);
    lowerCase.family.timezone = 'europe/budapest';
    const result = validateOutgoing('plan_bound_v3', lowerCase);
    expect(result.error?.issues).toEqual([
      {
        path: 'family.timezone',
        code: 'invariant',
        message:
          '"europe/budapest" must be written "Europe/Budapest": time zone names are case-sensitive in most time zone databases',
      },
    ]);
    // An alias the database knows under another name stays valid.
    const alias = clone(planFailedV3Example);
    for (const name of ['Asia/Calcutta', 'US/Eastern', 'Etc/UTC', 'GMT', 'Etc/GMT+5']) {
      alias.family.timezone = name;
      expect(
        validateOutgoing('plan_bound_v3', alias).error?.issues.map((issue) => issue.path) ?? [],
        name,
      ).not.toContain('family.timezone');
    }
    // Intl answers an alias with its canonical name whatever its case: a lower-cased alias is
    // refused all the same, with the canonical name to use.
    for (const [name, canonical] of [
      ['us/eastern', 'America/New_York'],
      ['etc/utc', 'UTC'],
      ['gmt', 'UTC'],
      ['US/eastern', 'America/New_York'],
    ]) {
      alias.family.timezone = name!;
      expect(validateOutgoing('plan_bound_v3', alias).error?.issues[0]?.message, name).toBe(
        `"${name}" must be written "${canonical}": time zone names are case-sensitive in most time zone databases`,
      );
    }
  });

  it('orders instants below the millisecond too, as v2 (which it is rendered as) does', () => {
    const reversed = clone(submissionApprovedV3Example);
    reversed.submission.submitted_at = '2026-04-30T17:35:12.0009+02:00';
    reversed.submission.reviewed_at = '2026-04-30T17:35:12.0001+02:00';
    reversed.occurred_at = reversed.submission.reviewed_at;
    expect(outgoingPaths(reversed)).toEqual(['submission.reviewed_at']);
  });

  it('says what a timestamp lacks, showing the value', () => {
    const v2Style = clone(planFailedV3Example);
    v2Style.occurred_at = '2026-04-30T18:30:00';
    expect(parseEvent('plan_bound_v3', v2Style).error?.issues[0]?.message).toBe(
      '"2026-04-30T18:30:00" is not an RFC 3339 date-time with seconds and an offset (Z or ±HH:MM), e.g. "2026-04-30T18:30:00+02:00", rendered in family.timezone',
    );
    // A missing timestamp or one of the wrong type keeps saying so.
    const { occurred_at: _dropped, ...missing } = clone(planFailedV3Example);
    const missingIssue = parseEvent('plan_bound_v3', missing).error?.issues[0];
    expect(missingIssue).toMatchObject({ path: 'occurred_at', code: 'invalid_type' });
    expect(missingIssue?.message).not.toContain('RFC 3339');
    const numeric = { ...clone(planFailedV3Example), occurred_at: 1714498200000 };
    const numericIssue = parseEvent('plan_bound_v3', numeric).error?.issues[0];
    expect(numericIssue).toMatchObject({ path: 'occurred_at', code: 'invalid_type' });
    expect(numericIssue?.message).not.toContain('RFC 3339');
  });

  it('keeps every v2 rule: summary, mirrors and copies are checked as in v2', () => {
    const drifted = clone(planFailedV3Example);
    drifted.summary.stars_earned = 9;
    drifted.plan_title = 'Another title';
    drifted.failed_tasks[0]!.score = 99;
    expect(outgoingPaths(drifted)).toEqual(['failed_tasks.0.score', 'plan_title', 'summary.stars_earned']);
  });

  it('requires a UUID as event id', () => {
    const bad = clone(planFailedV3Example);
    bad.id = 'evt_123';
    expect(outgoingPaths(bad)).toEqual(['id']);
  });
});
