import {
  eventMetadata,
  getEventSchema,
  getModel,
  isEventOf,
  isModelId,
  listEvents,
  type ModelId,
  modelIds,
  validateOutgoing,
} from '@taskhooks/contracts';
import fc from 'fast-check';
import { dotted, type JsonPath, listPaths, REMOVE, withAt } from './json-paths.js';

export interface PublishCase {
  kind: string;
  model: string;
  event: string;
  payload: unknown;
  /** Where the mutation happened (relative to the request), for "the error names the problem". */
  mutated: string | null;
}

export type Expected =
  | { accept: true; storedJson: string }
  | { accept: false; status: 400 | 413; issuePaths: string[] };

interface Example {
  model: ModelId;
  event: string;
  payload: Record<string, unknown>;
}

/** The tenant every fuzzed event is published as. */
export const FUZZ_TENANT = 'fuzz-publish';

/**
 * Every contract example of every event of every model: the valid seeds the mutations start from.
 * Examples that name their publisher (`tenantIdField`) name the fuzzing tenant, as a real
 * publisher's would.
 */
export const contractExamples: Example[] = modelIds.flatMap((model) =>
  (listEvents(model) as string[]).flatMap((event) =>
    eventMetadata(getEventSchema(model, event as never)).examples.map((payload) => {
      const field = getModel(model).tenantIdField;
      const example = payload as Record<string, unknown>;
      return { model, event, payload: field ? { ...example, [field]: FUZZ_TENANT } : example };
    }),
  ),
);
const allEvents = [...new Set(contractExamples.map((e) => e.event))];

const otherType = (current: unknown) =>
  fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 30 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
    )
    .filter((value) => kindOf(value) !== kindOf(current));

const kindOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/** Valid examples and mutations of them: wrong types, missing and extra fields, huge strings, bad names. */
export function publishCaseArbitrary(): fc.Arbitrary<PublishCase> {
  return fc.constantFrom(...contractExamples).chain((base) => {
    const paths = listPaths(base.payload);
    const objects = [[], ...paths].filter((p) => kindOf(pathValue(base.payload, p)) === 'object');
    const strings = paths.filter((p) => typeof pathValue(base.payload, p) === 'string' && p[0] !== 'event');
    const at = (p: JsonPath, value: unknown) => withAt(base.payload, p, value);
    const mutate = (
      kind: string,
      payload: unknown,
      mutated: string | null,
      extra: Partial<PublishCase> = {},
    ) => ({
      kind,
      model: base.model,
      event: base.event,
      payload,
      mutated,
      ...extra,
    });
    const arbitraries: fc.Arbitrary<PublishCase>[] = [
      fc.constant(mutate('valid example', base.payload, null)),
      fc.constantFrom(...paths).map((p) => mutate('missing field', at(p, REMOVE), `payload.${dotted(p)}`)),
      fc
        .constantFrom(...paths)
        .chain((p) =>
          otherType(pathValue(base.payload, p)).map((v) =>
            mutate('wrong type', at(p, v), `payload.${dotted(p)}`),
          ),
        ),
      fc
        .tuple(
          fc.constantFrom(...objects),
          fc.string({ minLength: 1, maxLength: 24 }),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .filter(([p, key]) => !Object.hasOwn(pathValue(base.payload, p) as object, key))
        .map(([p, key, value]) =>
          mutate('extra field', at([...p, key], value), `payload.${dotted([...p, key])}`),
        ),
      fc
        .string({ minLength: 1, maxLength: 40 })
        .filter((name) => !allEvents.includes(name))
        .map((name) =>
          mutate('unknown event name', { ...base.payload, event: name }, 'event', { event: name }),
        ),
      fc
        .constantFrom(...allEvents.filter((e) => e !== base.event))
        .map((name) => mutate('payload.event ≠ event', { ...base.payload, event: name }, 'payload.event')),
      fc
        .string({ minLength: 1, maxLength: 40 })
        .filter((name) => !isModelId(name))
        .map((name) => mutate('unknown model', base.payload, 'model', { model: name })),
    ];
    if (strings.length > 0) {
      arbitraries.push(
        fc
          .tuple(
            fc.constantFrom(...strings),
            fc.integer({ min: 2_000, max: 100_000 }),
            fc.constantFrom('x', 'é', '☃'),
          )
          .map(([p, size, char]) => mutate('huge string', at(p, char.repeat(size)), `payload.${dotted(p)}`)),
      );
    }
    return fc.oneof(...arbitraries);
  });
}

function pathValue(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current;
}

/**
 * What the API must answer, from the contract (`validateOutgoing`, the spec both sides share) and the
 * documented publish rules: the model must exist and have `event`; `payload.event`, when given, must equal `event`
 * (it is filled in when missing); in models whose events name their tenant, that field must name
 * the publishing tenant (filled in when missing); the serialised payload must fit
 * TASKHOOKS_MAX_PAYLOAD_BYTES (413).
 */
export function expectedAnswer(c: PublishCase, maxPayloadBytes: number): Expected {
  if (!isModelId(c.model)) return { accept: false, status: 400, issuePaths: ['model'] };
  if (!isEventOf(c.model, c.event)) return { accept: false, status: 400, issuePaths: ['event'] };
  const payloadEvent = (c.payload as { event?: unknown } | null)?.event;
  if (payloadEvent !== undefined && payloadEvent !== c.event) {
    return { accept: false, status: 400, issuePaths: ['payload.event'] };
  }
  const withEvent =
    payloadEvent === undefined && c.payload && typeof c.payload === 'object'
      ? { event: c.event, ...(c.payload as object) }
      : c.payload;
  const tenantField = getModel(c.model).tenantIdField;
  let payload = withEvent;
  if (tenantField && withEvent && typeof withEvent === 'object' && !Array.isArray(withEvent)) {
    const named = (withEvent as Record<string, unknown>)[tenantField];
    if (named === undefined) payload = { ...withEvent, [tenantField]: FUZZ_TENANT };
    else if (typeof named === 'string' && named !== FUZZ_TENANT) {
      return { accept: false, status: 400, issuePaths: [`payload.${tenantField}`] };
    }
  }
  const result = validateOutgoing(c.model, payload);
  if (!result.success) {
    const issuePaths = result.error.issues.map((i) => (i.path ? `payload.${i.path}` : 'payload'));
    return { accept: false, status: 400, issuePaths };
  }
  const storedJson = JSON.stringify(result.data);
  if (Buffer.byteLength(storedJson) > maxPayloadBytes) {
    return { accept: false, status: 413, issuePaths: ['payload'] };
  }
  return { accept: true, storedJson };
}
