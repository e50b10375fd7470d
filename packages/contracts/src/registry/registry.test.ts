import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventJsonSchema } from '../json-schema/to-json-schema.js';
import { parseEvent } from '../parse/parse-event.js';
import { defineModel } from './define-model.js';
import { eventMetadata } from './metadata.js';
import { getEventSchema, getModel, listEvents, modelIds, models } from './registry.js';

describe.each(modelIds)('model %s', (model) => {
  it('declares at least one event', () => {
    expect(listEvents(model).length).toBeGreaterThan(0);
  });

  describe.each(listEvents(model))('%s', (event) => {
    const schema = getEventSchema(model, event);
    const meta = eventMetadata(schema);

    it('has a title, a trigger description and at least one example', () => {
      expect(meta.title).toBe(event);
      expect(meta.description.length).toBeGreaterThan(10);
      expect(meta.examples.length).toBeGreaterThan(0);
    });

    it('every example validates strictly', () => {
      for (const example of meta.examples) {
        const result = parseEvent(model, example);
        expect(result.error?.message).toBeUndefined();
        expect(result.success).toBe(true);
      }
    });

    it('every field in the JSON Schema has a description', () => {
      const missing: string[] = [];
      collectUndocumented(eventJsonSchema(model, event), '', missing);
      expect(missing).toEqual([]);
    });

    it('every object is strict, so a sender cannot emit an undocumented field', () => {
      const loose: string[] = [];
      collectNonStrictObjects(schema, '', loose);
      expect(loose).toEqual([]);
    });
  });
});

describe.each(modelIds)('event ids of %s', (model) => {
  const definition = models[model];
  const idDescriptions = listEvents(model).map(
    (event) =>
      (eventJsonSchema(model, event) as { properties: Record<string, { description?: string }> }).properties
        .id?.description ?? '',
  );

  it('declares eventIdField exactly when its events carry a deduplication id', () => {
    const describesDedupe = idDescriptions.map((d) => /dedup/i.test(d));
    expect(describesDedupe).toEqual(describesDedupe.map(() => definition.eventIdField === 'id'));
  });
});

describe.each(modelIds.filter((model) => models[model].eventIdField))('fresh event ids of %s', (model) => {
  it('every example stays valid with a fresh uuid as its event id', () => {
    for (const event of listEvents(model)) {
      const example = eventMetadata(getEventSchema(model, event)).examples[0] as Record<string, unknown>;
      const result = parseEvent(model, { ...example, id: crypto.randomUUID() });
      expect(result.error?.message).toBeUndefined();
    }
  });
});

it('defineModel refuses an eventIdField that an event schema lacks', () => {
  const withId = z.strictObject({ id: z.uuid().describe('Event id.'), event: z.literal('a.done') });
  const without = z.strictObject({ event: z.literal('b.done') });
  const model = { id: 'x_v1', title: 'x', description: 'x', eventIdField: 'id' } as const;
  expect(() => defineModel({ ...model, events: { 'a.done': withId } })).not.toThrow();
  expect(() => defineModel({ ...model, events: { 'a.done': withId, 'b.done': without } })).toThrow(
    'defineModel(x_v1): eventIdField is "id" but the schema registered as "b.done" has no such field',
  );
});

it('declares tenantIdField exactly when its events name the publishing tenant', () => {
  for (const model of modelIds) {
    const carriesTenant = listEvents(model).map((event) =>
      Object.hasOwn((eventJsonSchema(model, event) as { properties: object }).properties, 'tenant_id'),
    );
    expect(carriesTenant, model).toEqual(
      carriesTenant.map(() => models[model].tenantIdField === 'tenant_id'),
    );
  }
  expect(models.plan_bound_v3.tenantIdField).toBe('tenant_id');
});

it('defineModel refuses a tenantIdField that an event schema lacks', () => {
  const withTenant = z.strictObject({
    tenant_id: z.string().describe('Tenant.'),
    event: z.literal('a.done'),
  });
  const without = z.strictObject({ event: z.literal('b.done') });
  const model = { id: 'x_v1', title: 'x', description: 'x', tenantIdField: 'tenant_id' } as const;
  expect(() => defineModel({ ...model, events: { 'a.done': withTenant } })).not.toThrow();
  expect(() => defineModel({ ...model, events: { 'a.done': withTenant, 'b.done': without } })).toThrow(
    'defineModel(x_v1): tenantIdField is "tenant_id" but the schema registered as "b.done" has no such field',
  );
});

it('the registry keys match the model ids', () => {
  for (const [key, definition] of Object.entries(models)) expect(definition.id).toBe(key);
});

function collectUndocumented(schema: unknown, path: string, missing: string[]): void {
  if (!schema || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
  if (properties) {
    for (const [key, child] of Object.entries(properties)) {
      const childPath = path ? `${path}.${key}` : key;
      const described = typeof child.description === 'string' && child.description.length > 0;
      const describedInBranch =
        Array.isArray(child.anyOf) &&
        child.anyOf.some((b) => typeof (b as { description?: string }).description === 'string');
      if (!described && !describedInBranch) missing.push(childPath);
      collectUndocumented(child, childPath, missing);
    }
  }
  for (const key of ['items', 'additionalProperties']) {
    if (node[key] && typeof node[key] === 'object') collectUndocumented(node[key], `${path}[]`, missing);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    if (Array.isArray(node[key]))
      for (const branch of node[key] as unknown[]) collectUndocumented(branch, path, missing);
  }
}

function collectNonStrictObjects(schema: z.ZodType, path: string, loose: string[]): void {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      if (catchall?._zod.def.type !== 'never') loose.push(path || '(root)');
      for (const [key, child] of Object.entries((schema as z.ZodObject).shape as Record<string, z.ZodType>)) {
        collectNonStrictObjects(child, path ? `${path}.${key}` : key, loose);
      }
      return;
    }
    case 'nullable':
    case 'optional':
    case 'default':
      collectNonStrictObjects(def.innerType as z.ZodType, path, loose);
      return;
    case 'array':
      collectNonStrictObjects(def.element as z.ZodType, `${path}[]`, loose);
      return;
    case 'union':
      for (const option of def.options as z.ZodType[]) collectNonStrictObjects(option, path, loose);
      return;
    default:
      return;
  }
}

describe('lookups by name from untrusted strings', () => {
  it('treat Object.prototype member names as unknown, with the usual clear error', () => {
    const untrusted = (name: string) => name as never;
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(() => getModel(untrusted(name))).toThrow(`Unknown model "${name}"`);
      expect(() => getEventSchema('plan_bound_v2', untrusted(name))).toThrow(`Unknown event "${name}"`);
      expect(() => parseEvent(untrusted(name), { event: 'plan.completed' })).toThrow(
        `Unknown model "${name}"`,
      );
      expect(parseEvent('plan_bound_v2', { event: name }).error?.issues[0]?.code).toBe('unknown_event');
    }
  });
});
