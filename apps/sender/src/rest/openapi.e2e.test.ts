import { Validator } from '@seriousme/openapi-schema-validator';
import { apiProcedures } from '@taskhooks/sender-client';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type ApiHarness, startApiHarness } from '../api/testing/api-harness.js';
import { SENDER_VERSION } from '../delivery/build-request.js';
import { buildOpenApiDocument, operationalPaths, restOperations } from './index.js';
import { restCall } from './testing/rest-call.js';

type Doc = ReturnType<typeof buildOpenApiDocument>;
type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
  responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } } }>;
};

const document = buildOpenApiDocument(restOperations(), {
  version: SENDER_VERSION,
  extraPaths: operationalPaths,
});
const operationsById = new Map<string, Operation & { path: string; method: string }>();
for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
  for (const [method, operation] of Object.entries(methods)) {
    operationsById.set(operation.operationId, { ...operation, path, method });
  }
}

function ajvFor(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc.components.schemas.Error, $id: 'error' });
  return ajv;
}

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('the OpenAPI 3.1 document', () => {
  it('is a valid OpenAPI 3.1 document (checked by @seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every procedure and the seed-003 webhooks resource', () => {
    for (const path of Object.keys(apiProcedures)) expect(operationsById.has(path), path).toBe(true);
    // Every error the server can answer: 415 only where there is a body, 503 everywhere.
    const statuses = (id: string) => Object.keys(operationsById.get(id)!.responses);
    expect(statuses('events.publish')).toEqual(expect.arrayContaining(['200', '415', '503']));
    expect(statuses('messages.list')).toEqual(expect.arrayContaining(['200', '500', '503']));
    expect(statuses('messages.list')).not.toContain('415');
    const webhookCreate = operationsById.get('webhooks.create')!;
    expect(webhookCreate).toMatchObject({ path: '/api/webhooks', method: 'post' });
    const body = webhookCreate.requestBody!.content['application/json'].schema as {
      required: string[];
      properties: Record<string, { default?: unknown }>;
    };
    expect(body.required).toEqual(['url']);
    expect(body.properties.model?.default).toBe('task_events_v1');
    expect(body.properties.retry?.default).toEqual({ preset: 'seed-003' });
    const deliveries = operationsById.get('webhooks.deliveries')!;
    expect(deliveries.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
      'query:status',
      'query:event',
      'query:since',
      'query:until',
      'query:cursor',
      'query:limit',
    ]);
    for (const id of ['events.publish', 'events.publishBatch'])
      expect(operationsById.get(id)?.parameters).toEqual([
        expect.objectContaining({ in: 'header', name: 'Idempotency-Key' }),
      ]);
  });

  it('is served at /api/openapi.json and describes what the server really answers', async () => {
    h = await startApiHarness('sqlite');
    const served = await restCall<Doc>(h.url, 'GET', '/api/openapi.json');
    expect(served.status).toBe(200);
    expect(served.json).toEqual(JSON.parse(JSON.stringify(document)));

    const ajv = ajvFor(document);
    const schemaOf = (id: string, part: 'request' | string) => {
      const operation = operationsById.get(id)!;
      return part === 'request'
        ? operation.requestBody!.content['application/json'].schema
        : operation.responses[part]!.content!['application/json'].schema;
    };
    const tenantBody = { id: 'doc-tenant', name: 'Doc' };
    expect(ajv.validate(schemaOf('tenants.create', 'request'), tenantBody)).toBe(true);
    const tenant = await restCall(h.url, 'POST', '/api/tenants', { key: ADMIN_KEY, body: tenantBody });
    expect(ajv.validate(schemaOf('tenants.create', '201'), tenant.json), ajv.errorsText()).toBe(true);

    const webhookBody = { tenantId: 'doc-tenant', url: h.receiver.url(), events: ['task.created'] };
    expect(ajv.validate(schemaOf('webhooks.create', 'request'), webhookBody)).toBe(true);
    expect(ajv.validate(schemaOf('webhooks.create', 'request'), { ...webhookBody, url: 42 })).toBe(false);
    const webhook = await restCall<{ id: string }>(h.url, 'POST', '/api/webhooks', {
      key: ADMIN_KEY,
      body: webhookBody,
    });
    expect(ajv.validate(schemaOf('webhooks.create', '201'), webhook.json), ajv.errorsText()).toBe(true);
    const listed = await restCall(h.url, 'GET', '/api/webhooks?tenantId=doc-tenant', { key: ADMIN_KEY });
    expect(ajv.validate(schemaOf('webhooks.list', '200'), listed.json), ajv.errorsText()).toBe(true);
    // The documented error schema matches a real error.
    const missing = await restCall(h.url, 'GET', '/api/webhooks/nope', { key: ADMIN_KEY });
    expect(ajv.validate({ $ref: 'error' }, missing.json), ajv.errorsText()).toBe(true);
    // And it is strict enough to tell a wrong body from a right one.
    expect(ajv.validate(schemaOf('webhooks.list', '200'), { items: [{ id: 1 }] })).toBe(false);
  });
});
