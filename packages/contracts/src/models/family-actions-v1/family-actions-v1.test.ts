import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../parse/contract-error.js';
import { parseEvent, validateOutgoing } from '../../parse/parse-event.js';
import { eventMetadata } from '../../registry/metadata.js';
import { getEventSchema, listEvents } from '../../registry/registry.js';
import auditRows from './__fixtures__/seed-001-audit-rows.json' with { type: 'json' };

const MODEL = 'family_actions_v1';

function example(event: string, index = 0): Record<string, unknown> {
  const examples = eventMetadata(getEventSchema(MODEL, event as never)).examples;
  return structuredClone(examples[index] as Record<string, unknown>);
}

function withValue(payload: Record<string, unknown>, path: string, value: unknown) {
  const copy = structuredClone(payload);
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = copy as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function issuesOf(raw: unknown) {
  const result = parseEvent(MODEL, raw);
  expect(result.success).toBe(false);
  return result.error!.issues;
}

/** Rows of the mapping table in EVENTS.md: websocket event → webhook event. */
function mappingTable() {
  const markdown = readFileSync(join(import.meta.dirname, 'EVENTS.md'), 'utf8');
  return markdown
    .split('\n')
    .filter((line) => /^\|\s*\d+\s*\|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim().replaceAll('`', ''));
      return { action: cells[3], websocket: cells[5], event: cells[6] };
    });
}

describe('family_actions_v1 catalog', () => {
  it('has exactly one event per audit row (24)', () => {
    expect(auditRows).toHaveLength(24);
    expect(listEvents(MODEL)).toHaveLength(24);
  });

  it('EVENTS.md maps every audit row, in order, to a distinct registered event', () => {
    const table = mappingTable();
    expect(table.map((row) => [row.action, row.websocket])).toEqual(
      auditRows.map((r) => [r.action, r.websocket]),
    );
    expect(table.map((row) => row.event).sort()).toEqual([...listEvents(MODEL)].sort());
  });

  it('names every event in one convention: <domain>.<past_tense_action>', () => {
    for (const event of listEvents(MODEL)) {
      expect(event).toMatch(/^[a-z]+(_[a-z]+)*\.([a-z]+_)*([a-z]+ed|sent)$/);
    }
  });

  it.each(listEvents(MODEL))('every example of %s passes the contract and its invariants', (event) => {
    for (const raw of eventMetadata(getEventSchema(MODEL, event)).examples) {
      expect(validateOutgoing(MODEL, raw).error?.message).toBeUndefined();
      expect(raw).toMatchObject({ event, model: MODEL });
    }
  });

  it('requires an offset on occurred_at and accepts any offset', () => {
    const base = example('chore.created');
    expect(parseEvent(MODEL, withValue(base, 'occurred_at', '2026-03-07T10:30:00+01:00')).success).toBe(true);
    expect(issuesOf(withValue(base, 'occurred_at', '2026-03-07T09:30:00'))[0]?.path).toBe('occurred_at');
  });

  it('rejects a payload labelled with another model', () => {
    expect(issuesOf(withValue(example('payout.created'), 'model', 'family_actions_v2'))[0]?.path).toBe(
      'model',
    );
  });

  it('carries no personal data: chat text and invite e-mail are rejected as unknown fields', () => {
    const chat = withValue(example('chat.message_sent'), 'data.text', 'see you at 5');
    expect(issuesOf(chat)[0]).toMatchObject({ path: 'data', code: 'unrecognized_keys' });
    const invite = withValue(example('family.invite_created'), 'data.email', 'gran@example.com');
    expect(issuesOf(invite)[0]).toMatchObject({ path: 'data', code: 'unrecognized_keys' });
  });

  it('system actors need no display name', () => {
    const raw = withValue(example('streaks.settings_updated'), 'actor', {
      id: 'system:streak-job',
      role: 'system',
    });
    expect(parseEvent(MODEL, raw).success).toBe(true);
  });
});

describe('nullable fields accept null', () => {
  it.each([
    ['assignment.created', 'data.child_id'],
    ['assignment.created', 'data.due_on'],
    ['completion.rejected', 'data.reason'],
    ['stars.purchase_rejected', 'data.reason'],
    ['reward.rejected', 'data.reason'],
    ['family_reward.created', 'data.reward.inventory'],
    ['family_reward.created', 'data.reward.gift_template_id'],
    ['reward.fulfilled', 'data.fulfillment.order_reference'],
    ['family.settings_updated', 'data.settings.holiday_mode_until'],
    ['family.invite_created', 'data.expires_at'],
    ['family.member_joined', 'data.invite_id'],
    ['gift_template.created', 'data.template.price'],
    ['affiliate.config_updated', 'data.config.tracking_tag'],
  ])('%s: %s', (event, path) => {
    expect(parseEvent(MODEL, withValue(example(event), path, null)).error?.message).toBeUndefined();
  });

  it.each([
    ['chore.created', 'data.chore.title'],
    ['completion.approved', 'data.wallet'],
    ['payout.created', 'data.amount'],
    ['chore.created', 'actor'],
  ])('but %s rejects null at %s', (event, path) => {
    expect(issuesOf(withValue(example(event), path, null)).map((i) => i.path)).toEqual([path]);
  });
});

describe('enumerations: strict for senders, lenient for receivers', () => {
  it.each([
    ['chore.created', 'data.chore.frequency', 'fortnightly'],
    ['chore.created', 'actor.role', 'grandparent'],
    ['payout.created', 'data.method', 'crypto'],
    ['reward.fulfilled', 'data.fulfillment.method', 'drone'],
    ['reward.redemption_requested', 'data.fulfillment_status', 'on_hold'],
    ['family.invite_created', 'data.role', 'relative'],
    ['gift_template.created', 'data.template.provider', 'etsy'],
  ])('%s %s = %j', (event, path, value) => {
    const raw = withValue(example(event), path, value);
    expect(issuesOf(raw)[0]).toMatchObject({ path, code: 'invalid_value' });
    const lenient = parseEvent(MODEL, raw, { mode: 'lenient' });
    expect(lenient.error?.message).toBeUndefined();
    expect(JSON.stringify(lenient.data)).toContain(`"${value}"`);
  });

  it('changed_fields only lists fields of the snapshot (lenient accepts new ones)', () => {
    const raw = withValue(example('chore.updated'), 'data.changed_fields', ['active', 'colour']);
    expect(issuesOf(raw)[0]).toMatchObject({ path: 'data.changed_fields.1', code: 'invalid_value' });
    expect(parseEvent(MODEL, raw, { mode: 'lenient' }).success).toBe(true);
  });

  it('lenient mode still rejects a wrong type', () => {
    const raw = withValue(example('chore.created'), 'data.chore.active', 'yes');
    expect(parseEvent(MODEL, raw, { mode: 'lenient' }).error?.issues.map((i) => i.path)).toEqual([
      'data.chore.active',
    ]);
  });
});

describe('wrong types produce a ContractError naming the path', () => {
  it.each([
    ['completion.approved', 'data.wallet.delta_minor', '60'],
    ['chore.created', 'data.chore.reward.money.amount_minor', 0.5],
    ['payout.created', 'data.amount.currency', 'pounds'],
    ['stars.purchase_requested', 'data.stars', -3],
    ['assignment.linked', 'data.assignment_ids', ['asg_only_one']],
    ['family.settings_updated', 'data.holiday_mode_changed', 'true'],
    ['chore.created', 'id', 'evt-1'],
  ])('%s: %s = %j', (event, path, value) => {
    const result = parseEvent(MODEL, withValue(example(event), path, value));
    expect(result.error).toBeInstanceOf(ContractError);
    expect(result.error?.issues.map((i) => i.path)).toEqual([path]);
    expect(result.error?.message).toContain(`${path}:`);
  });
});

describe('invariants (validateOutgoing)', () => {
  const failingPaths = (raw: unknown) => validateOutgoing(MODEL, raw).error?.issues.map((i) => i.path);

  it.each([
    ['completion.approved', 'data.wallet.balance_after_minor', 401, ['data.wallet.balance_after_minor']],
    ['completion.approved', 'data.bonus.money.amount_minor', 0, ['data.wallet.delta_minor']],
    ['completion.approved', 'data.bonus.money.currency', 'EUR', ['data.bonus.money.currency']],
    ['stars.purchase_requested', 'data.stars', 21, ['data.cost.amount_minor']],
    [
      'stars.purchase_approved',
      'data.star_balance',
      { balance_before: 20, delta: 10, balance_after: 30 },
      ['data.star_balance.delta'],
    ],
    ['payout.created', 'data.amount.amount_minor', 400, ['data.wallet.delta_minor']],
    ['chore.updated', 'data.previous', { active: true }, ['data.previous.reward']],
    ['chore.updated', 'data.changed_fields', ['active'], ['data.previous.reward']],
    ['family.settings_updated', 'data.budget_changed', true, ['data.budget_changed']],
    ['family.settings_updated', 'data.holiday_mode_changed', false, ['data.holiday_mode_changed']],
    ['reward.fulfilled', 'data.fulfillment_status', 'pending', ['data.fulfillment_status']],
  ])('%s with %s = %j fails at %j', (event, path, value, expected) => {
    const raw = withValue(example(event), path, value);
    expect(parseEvent(MODEL, raw).success).toBe(true);
    expect(failingPaths(raw)).toEqual(expected);
  });

  it('flags a field listed twice in changed_fields', () => {
    const raw = withValue(example('chore.updated'), 'data.changed_fields', ['active', 'reward', 'active']);
    expect(failingPaths(raw)).toEqual(['data.changed_fields']);
  });
});
