import fc from 'fast-check';

/** Where a body goes: a tRPC mutation or a REST operation, with a valid body to mutate. */
interface Route {
  name: string;
  method: string;
  path: string;
  valid: Record<string, unknown>;
  /** Fields whose absence must be refused. */
  required: string[];
}

export interface BodyCase {
  kind: string;
  route: Route;
  /** The raw body bytes (a string) — or, for `chunked`, sent without Content-Length. */
  body: string;
  chunked: boolean;
  contentType: string;
  /** Statuses that are a correct answer; the field a 400 must name (when there is one). */
  expected: number[];
  field: string | null;
}

const DEEP = '__deep__';
const plan = { model: 'task_events_v1', event: 'task.created', payload: { event: 'task.created' } };
const endpoint = { url: 'http://127.0.0.1:30000/x', model: 'task_events_v1' };

/** tRPC mutations and REST operations that take JSON bodies (tenant ids filled in by the target). */
export function bodyRoutes(tenantId: string, endpointId: string): Route[] {
  const t = { tenantId };
  return [
    {
      name: 'tRPC events.publish',
      method: 'POST',
      path: '/trpc/events.publish',
      valid: { ...t, ...plan },
      required: ['tenantId', 'model', 'event'],
    },
    {
      name: 'tRPC events.publishBatch',
      method: 'POST',
      path: '/trpc/events.publishBatch',
      valid: { ...t, events: [plan] },
      required: ['tenantId', 'events'],
    },
    {
      name: 'tRPC endpoints.create',
      method: 'POST',
      path: '/trpc/endpoints.create',
      valid: { ...t, ...endpoint },
      required: ['tenantId', 'url', 'model'],
    },
    {
      name: 'tRPC endpoints.update',
      method: 'POST',
      path: '/trpc/endpoints.update',
      valid: { endpointId, method: 'PUT' },
      required: ['endpointId'],
    },
    {
      name: 'tRPC tenants.create',
      method: 'POST',
      path: '/trpc/tenants.create',
      valid: { id: 'nt', name: 'N' },
      required: ['id', 'name'],
    },
    {
      name: 'tRPC apiKeys.create',
      method: 'POST',
      path: '/trpc/apiKeys.create',
      valid: { ...t, name: 'k' },
      required: ['name'],
    },
    {
      name: 'REST POST /api/events',
      method: 'POST',
      path: '/api/events',
      valid: { ...t, ...plan },
      required: ['tenantId', 'model', 'event'],
    },
    {
      name: 'REST POST /api/events/batch',
      method: 'POST',
      path: '/api/events/batch',
      valid: { ...t, events: [plan] },
      required: ['tenantId', 'events'],
    },
    {
      name: 'REST POST /api/endpoints',
      method: 'POST',
      path: '/api/endpoints',
      valid: { ...t, ...endpoint },
      required: ['tenantId', 'url', 'model'],
    },
    {
      name: 'REST PATCH /api/endpoints/{id}',
      method: 'PATCH',
      path: `/api/endpoints/${endpointId}`,
      valid: { method: 'PUT' },
      required: [],
    },
    {
      name: 'REST POST /api/webhooks',
      method: 'POST',
      path: '/api/webhooks',
      valid: { ...t, url: endpoint.url, events: ['task.created'] },
      required: ['tenantId', 'url'],
    },
    {
      name: 'REST POST /api/tenants',
      method: 'POST',
      path: '/api/tenants',
      valid: { id: 'nt', name: 'N' },
      required: ['id', 'name'],
    },
    {
      name: 'REST POST /api/api-keys',
      method: 'POST',
      path: '/api/api-keys',
      valid: { ...t, name: 'k' },
      required: ['name'],
    },
  ];
}

/** A JSON value whose type differs from `current`. */
const otherType = (current: unknown) =>
  fc
    .oneof(
      fc.integer(),
      fc.string({ maxLength: 10 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
    )
    .filter((v) => typeOf(v) !== typeOf(current));
const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** Malformed JSON, wrong types, deep nesting, oversized and mislabelled bodies for every route. */
export function bodyCaseArbitrary(routes: Route[], bodyLimit: number): fc.Arbitrary<BodyCase> {
  return fc.constantFrom(...routes).chain((route) => {
    const json = JSON.stringify(route.valid);
    const make = (
      kind: string,
      body: string,
      expected: number[],
      extra: Partial<BodyCase> = {},
    ): BodyCase => ({
      kind,
      route,
      body,
      chunked: false,
      contentType: 'application/json',
      expected,
      field: null,
      ...extra,
    });
    const fields = Object.keys(route.valid);
    return fc.oneof(
      fc
        .integer({ min: 1, max: json.length - 1 })
        .map((n) => make('malformed JSON: truncated', json.slice(0, n), [400])),
      fc
        .string({ minLength: 1, maxLength: 60 })
        .filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return s.trim() !== '';
          }
        })
        .map((s) => make('malformed JSON: garbage', s, [400])),
      fc
        .constantFrom('}', ',', ' x', '{}')
        .map((tail) => make('malformed JSON: trailing', `${json}${tail}`, [400])),
      fc
        .constantFrom(
          "{'a':1}",
          '{"a":01}',
          '{"a":NaN}',
          '{"a":undefined}',
          '{"a":"\\x"}',
          '{a:1}',
          '[1,]',
          '\u0000',
        )
        .map((s) => make('malformed JSON: syntax', s, [400])),
      fc
        .oneof(
          fc.integer(),
          fc.string({ maxLength: 10 }),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.integer(), { maxLength: 3 }),
        )
        .map((v) => make('wrong type: body not an object', JSON.stringify(v), [400])),
      fc
        .constantFrom(...fields)
        .chain((field) =>
          otherType(route.valid[field]).map((v) =>
            make('wrong type: field', JSON.stringify({ ...route.valid, [field]: v }), [400], { field }),
          ),
        ),
      ...(route.required.length === 0
        ? []
        : [
            fc.constantFrom(...route.required).map((field) => {
              const { [field]: _dropped, ...rest } = route.valid;
              return make('missing field', JSON.stringify(rest), [400], { field });
            }),
          ]),
      // Nested inside a known field, so the depth has to be parsed and then refused by type.
      fc
        .tuple(fc.constantFrom(...fields), fc.integer({ min: 1_000, max: 200_000 }))
        .map(([field, depth]) =>
          make(
            'deep nesting: arrays',
            JSON.stringify({ ...route.valid, [field]: DEEP }).replace(
              `"${DEEP}"`,
              `${'['.repeat(depth)}${']'.repeat(depth)}`,
            ),
            [400, 413],
            { field },
          ),
        ),
      fc
        .tuple(fc.constantFrom(...fields), fc.integer({ min: 200, max: 20_000 }))
        .map(([field, depth]) =>
          make(
            'deep nesting: objects',
            JSON.stringify({ ...route.valid, [field]: DEEP }).replace(
              `"${DEEP}"`,
              `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
            ),
            [400, 413],
            { field },
          ),
        ),
      fc
        .tuple(fc.integer({ min: bodyLimit + 1, max: bodyLimit * 3 }), fc.boolean())
        .map(([size, chunked]) =>
          make(
            `oversized${chunked ? ' (chunked)' : ''}`,
            JSON.stringify({ ...route.valid, pad: 'p'.repeat(size) }),
            [413],
            { chunked },
          ),
        ),
      // tRPC reads any content type as JSON; REST insists on application/json.
      ...(route.path.startsWith('/trpc/')
        ? []
        : [
            fc
              .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data')
              .map((type) => make('wrong content type', json, [415], { contentType: type })),
          ]),
    );
  });
}
