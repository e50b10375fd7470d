import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { modelJsonSchemaBundle } from '../../json-schema/to-json-schema.js';
import { ContractError } from '../../parse/contract-error.js';
import { parseEvent, validateOutgoing } from '../../parse/parse-event.js';
import { eventMetadata } from '../../registry/metadata.js';
import { getEventSchema, listEvents } from '../../registry/registry.js';
import seedEnvelope from './__fixtures__/seed-002-envelope.json' with { type: 'json' };
import seedEvents from './__fixtures__/seed-002-event-data.json' with { type: 'json' };

const MODEL = 'extension_v1';
const DELIVERY_ID = '2f1d9c7a-4e6b-4a3c-8d2e-1b0f9e8d7c6a';

/** A seed eventData example inside the seed's documented envelope (its `"uuid"` id is a placeholder). */
function seedPayload(event: string): Record<string, unknown> {
  const example = seedEvents.find((e) => e.event === event);
  if (!example) throw new Error(`no seed example for ${event}`);
  return structuredClone({ ...seedEnvelope, id: DELIVERY_ID, event, eventData: example.eventData });
}

function withValue(payload: Record<string, unknown>, path: string, value: unknown) {
  const copy = structuredClone(payload);
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = copy as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  node[last] = value;
  return copy;
}

function issuesOf(raw: unknown) {
  const result = parseEvent(MODEL, raw);
  expect(result.success).toBe(false);
  return result.error!.issues;
}

describe('extension_v1 catalog', () => {
  it('has exactly the 12 events of the seed, in seed order', () => {
    expect(listEvents(MODEL)).toEqual(seedEvents.map((e) => e.event));
    expect(listEvents(MODEL)).toHaveLength(12);
  });

  it.each(seedEvents.map((e) => e.event))(
    'seed example of %s validates, strictly and with invariants',
    (event) => {
      const strict = parseEvent(MODEL, seedPayload(event));
      expect(strict.error?.message).toBeUndefined();
      expect(validateOutgoing(MODEL, seedPayload(event)).error?.message).toBeUndefined();
    },
  );

  it.each(seedEvents.map((e) => e.event))('documented examples of %s include the seed eventData', (event) => {
    const examples = eventMetadata(getEventSchema(MODEL, event as never)).examples as {
      eventData: unknown;
    }[];
    expect(examples.map((e) => e.eventData)).toContainEqual(
      seedEvents.find((e) => e.event === event)?.eventData,
    );
    for (const example of examples) expect(validateOutgoing(MODEL, example).error?.message).toBeUndefined();
  });

  it('rejects the seed placeholder id "uuid": the id must be a real UUID', () => {
    const raw = { ...seedPayload('lock.frozen'), id: seedEnvelope.id };
    expect(issuesOf(raw).map((i) => i.path)).toEqual(['id']);
  });

  it('requires timestamps in UTC with milliseconds, like the seed', () => {
    const base = seedPayload('hygiene.started');
    expect(issuesOf(withValue(base, 'timestamp', '2026-02-16T01:23:45Z'))[0]?.path).toBe('timestamp');
    expect(issuesOf(withValue(base, 'timestamp', '2026-02-16T02:23:45.678+01:00'))[0]?.path).toBe(
      'timestamp',
    );
    expect(issuesOf(withValue(base, 'eventData.startedAt', '2026-02-16 02:00'))[0]?.path).toBe(
      'eventData.startedAt',
    );
  });

  it('keeps extension.config free-form', () => {
    const raw = withValue(seedPayload('dice.rolled'), 'extension.config', {
      diceCount: 2,
      limits: { maxSeconds: 86400 },
      modes: ['cards'],
    });
    expect(parseEvent(MODEL, raw).success).toBe(true);
    expect(issuesOf(withValue(raw, 'extension.config', ['not', 'an', 'object']))[0]?.path).toBe(
      'extension.config',
    );
  });
});

describe('nullable fields', () => {
  it.each([
    ['lock.time_changed', 'eventData.appliedDeltaSeconds'],
    ['lock.time_changed', 'eventData.beforeReleaseAt'],
    ['lock.time_changed', 'eventData.afterReleaseAt'],
    ['task.assigned', 'eventData.overriddenRunId'],
    ['hygiene.resumed_late', 'eventData.actualDeltaSeconds'],
    ['task.completed', 'keyholder'],
  ])('%s accepts null at %s', (event, path) => {
    expect(parseEvent(MODEL, withValue(seedPayload(event), path, null)).error?.message).toBeUndefined();
  });

  it('accepts a lock without a release time when remainingSeconds is null too', () => {
    let raw = withValue(seedPayload('lock.frozen'), 'lock.releaseAt', null);
    raw = withValue(raw, 'lock.remainingSeconds', null);
    expect(validateOutgoing(MODEL, raw).success).toBe(true);
    const half = withValue(seedPayload('lock.frozen'), 'lock.releaseAt', null);
    expect(validateOutgoing(MODEL, half).error?.issues.map((i) => i.path)).toEqual(['lock.remainingSeconds']);
  });

  it('accepts penaltyMode null (seed hygiene.resumed) and the documented modes', () => {
    expect(seedPayload('hygiene.resumed').eventData).toMatchObject({ penaltyMode: null });
    for (const mode of ['time', 'cards']) {
      expect(
        parseEvent(MODEL, withValue(seedPayload('hygiene.resumed_late'), 'eventData.penaltyMode', mode))
          .success,
      ).toBe(true);
    }
  });

  it('lock may be null only for lock.archive_removal', () => {
    expect(parseEvent(MODEL, withValue(seedPayload('lock.archive_removal'), 'lock', null)).success).toBe(
      true,
    );
    expect(issuesOf(withValue(seedPayload('lock.time_changed'), 'lock', null))[0]?.path).toBe('lock');
  });

  it.each([
    ['lock.time_changed', 'eventData.requestedDeltaSeconds'],
    ['task.failed', 'eventData.outcomeDescription'],
    ['dice.rolled', 'eventData.appliedAdjustmentSeconds'],
    ['task.completed', 'wearer'],
  ])('%s rejects null at %s', (event, path) => {
    expect(issuesOf(withValue(seedPayload(event), path, null)).map((i) => i.path)).toEqual([path]);
  });
});

describe('enumerations: strict for senders, lenient for receivers', () => {
  it.each([
    ['lock.archive_removal', 'eventData.source', 'trash'],
    ['lock.archive_removal', 'eventData.actorRole', 'admin'],
    ['lock.time_changed', 'eventData.source', 'spin_wheel'],
    ['lock.unfrozen', 'eventData.source', 'timer'],
    ['task.assigned', 'eventData.source', 'vote'],
    ['task.assigned', 'eventData.status', 'pending'],
    ['hygiene.resumed_late', 'eventData.penaltyMode', 'chores'],
  ])('%s %s = %j', (event, path, value) => {
    const raw = withValue(seedPayload(event), path, value);
    const [issue] = issuesOf(raw);
    expect(issue).toMatchObject({ path, code: 'invalid_value' });
    const lenient = parseEvent(MODEL, raw, { mode: 'lenient' });
    expect(lenient.error?.message).toBeUndefined();
    expect(JSON.stringify(lenient.data)).toContain(`"${value}"`);
  });

  it('the seed note values of lock.archive_removal are all accepted strictly', () => {
    for (const source of ['delete', 'archive'])
      for (const actorRole of ['wearer', 'keyholder']) {
        const raw = {
          ...seedPayload('lock.archive_removal'),
          eventData: { source, actorRole, lockId: 'lock_id' },
        };
        expect(parseEvent(MODEL, raw).success).toBe(true);
      }
  });

  it('lenient mode keeps unknown fields but still enforces types', () => {
    const extra = withValue(seedPayload('task.completed'), 'eventData.bonusPoints', 5);
    expect(issuesOf(extra)[0]).toMatchObject({ path: 'eventData', code: 'unrecognized_keys' });
    expect(parseEvent(MODEL, extra, { mode: 'lenient' }).data).toMatchObject({
      eventData: { bonusPoints: 5 },
    });
    const wrong = withValue(seedPayload('task.completed'), 'eventData.pointsAwarded', '10');
    expect(parseEvent(MODEL, wrong, { mode: 'lenient' }).success).toBe(false);
  });
});

describe('wrong types produce a ContractError naming the path', () => {
  it.each([
    ['lock.time_changed', 'eventData.requestedDeltaSeconds', '3600'],
    ['dice.rolled', 'eventData.difference', 6.5],
    ['hygiene.started', 'eventData.windowSeconds', -1],
    ['verification.picture_submitted', 'eventData.photoUrl', 'not a url'],
    ['verification.picture_submitted', 'eventData.date', '16/02/2026'],
    ['lock.frozen', 'lock.remainingSeconds', 'soon'],
    ['lock.frozen', 'extension.enabled', 'yes'],
    ['task.failed', 'app.slug', 'My App'],
  ])('%s: %s = %j', (event, path, value) => {
    const result = parseEvent(MODEL, withValue(seedPayload(event), path, value));
    expect(result.error).toBeInstanceOf(ContractError);
    expect(result.error?.issues.map((i) => i.path)).toEqual([path]);
    expect(result.error?.message).toContain(`${path}:`);
    expect(result.error?.event).toBe(event);
  });
});

describe('invariants (validateOutgoing)', () => {
  const pathsOf = (raw: unknown) => validateOutgoing(MODEL, raw).error?.issues.map((i) => i.path);

  it.each([
    ['lock.time_changed', 'extension.sessionId', 'other_session', 'extension.sessionId'],
    ['lock.time_changed', 'eventData.appliedDeltaSeconds', 1800, 'eventData.appliedDeltaSeconds'],
    ['lock.frozen', 'eventData.afterFrozen', false, 'eventData.afterFrozen'],
    ['lock.unfrozen', 'eventData.afterFrozen', true, 'eventData.afterFrozen'],
    ['lock.archive_removal', 'eventData.lockId', 'another_lock', 'eventData.lockId'],
    ['hygiene.started', 'eventData.windowSeconds', 900, 'eventData.expiresAt'],
    ['hygiene.resumed', 'eventData.penaltyMode', 'time', 'eventData.penaltyMode'],
    ['dice.rolled', 'eventData.difference', 5, 'eventData.difference'],
  ])('%s with %s = %j breaks %s', (event, path, value, failing) => {
    const raw = withValue(seedPayload(event), path, value);
    expect(parseEvent(MODEL, raw).success).toBe(true);
    expect(pathsOf(raw)).toEqual([failing]);
  });

  it('does not derive appliedDeltaSeconds when it is null (seed note)', () => {
    expect(
      pathsOf(withValue(seedPayload('lock.time_changed'), 'eventData.appliedDeltaSeconds', null)),
    ).toBeUndefined();
  });
});

describe('photoUrl: zod and the published JSON Schema agree', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  const schemaAccepts = ajv.compile(modelJsonSchemaBundle(MODEL));
  const base = seedPayload('verification.picture_submitted');
  const accepted = (url: string) => {
    const payload = withValue(base, 'eventData.photoUrl', url);
    return { zod: parseEvent(MODEL, payload).success, schema: schemaAccepts(payload) };
  };

  it('takes absolute http(s) URLs', () => {
    for (const url of [
      'https://cdn.example.com/locks/a.jpg',
      'http://127.0.0.1:8080/x?y=1#z',
      'https://[::1]/a',
      'HTTPS://CDN.EXAMPLE.COM/a.jpg',
      'https://user:p%40ss@cdn.example.com/a.jpg',
    ])
      expect([url, accepted(url)]).toEqual([url, { zod: true, schema: true }]);
  });

  it('refuses other schemes outright, and never takes what the schema refuses', () => {
    for (const url of [
      'ftp://cdn.example.com/x.jpg',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https:example.com',
    ])
      expect([url, accepted(url).zod]).toEqual([url, false]);
    // WHATWG URL parsing takes these; RFC 3986 (`format: uri`) does not, so neither may zod.
    for (const url of [
      'https://example.com/a b',
      'https://ex\tample.com/x',
      'https://cdn.example.com/ä',
      'https://example.com/%zz',
    ])
      expect([url, accepted(url)]).toEqual([url, { zod: false, schema: false }]);
    expect(issuesOf(withValue(base, 'eventData.photoUrl', 'ftp://x.example/p.jpg'))).toContainEqual(
      expect.objectContaining({
        path: 'eventData.photoUrl',
        message: expect.stringContaining('http(s) URL'),
      }),
    );
  });
});
