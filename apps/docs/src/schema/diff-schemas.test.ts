import { describe, expect, it } from 'vitest';
import { diffEventSchemas, type FieldChange, isBreaking } from './diff-schemas.js';

const base = {
  type: 'object',
  required: ['id', 'status', 'note'],
  properties: {
    id: { type: 'string', description: 'Id' },
    status: { type: 'string', enum: ['open', 'done'], description: 'Status' },
    note: { type: 'string', description: 'Note' },
    score: { type: 'number', description: 'Score' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { type: 'string', description: 'Kind' } },
      },
      description: 'Items',
    },
  },
};

function withProps(extra: Record<string, unknown>, required = base.required) {
  return { ...base, required, properties: { ...base.properties, ...extra } };
}

function find(changes: FieldChange[], path: string) {
  return changes.find((c) => c.path === path);
}

describe('diffEventSchemas', () => {
  it('finds nothing between identical schemas', () => {
    expect(diffEventSchemas(base, structuredClone(base))).toEqual([]);
  });

  it('reports added and removed fields, nested ones by dotted path', () => {
    const { note: _dropped, ...props } = base.properties;
    const after = {
      ...base,
      required: ['id', 'status'],
      properties: {
        ...props,
        tenant: { type: 'string', description: 'Tenant' },
        items: {
          ...base.properties.items,
          items: {
            ...base.properties.items.items,
            properties: {
              kind: { type: 'string', description: 'Kind' },
              qty: { type: 'integer', description: 'Qty' },
            },
          },
        },
      },
    };
    const changes = diffEventSchemas(base, after);
    expect(find(changes, 'tenant')?.kind).toBe('added');
    expect(find(changes, 'items[].qty')?.kind).toBe('added');
    expect(find(changes, 'note')).toMatchObject({ kind: 'removed' });
    expect(isBreaking(find(changes, 'note') as FieldChange)).toBe(true);
    expect(isBreaking(find(changes, 'tenant') as FieldChange)).toBe(false);
  });

  it('reports type, nullability and enum changes with their direction', () => {
    const after = withProps({
      id: { type: 'integer', description: 'Id' },
      status: { type: 'string', enum: ['open', 'done', 'archived'], description: 'Status' },
      score: { type: ['number', 'null'], description: 'Score' },
    });
    const changes = diffEventSchemas(base, after);
    expect(find(changes, 'id')).toMatchObject({ kind: 'changed', details: ['type string → integer'] });
    expect(find(changes, 'status')).toMatchObject({ details: ['allowed values added: "archived"'] });
    expect(find(changes, 'score')).toMatchObject({ details: ['now nullable'] });
    expect(changes.every(isBreaking)).toBe(true);
  });

  it('treats narrowing an enum and dropping nullability as non-breaking for receivers', () => {
    const before = withProps({ score: { type: ['number', 'null'], description: 'Score' } });
    const after = withProps({
      status: { type: 'string', enum: ['open'], description: 'Status' },
      score: { type: 'number', description: 'Score' },
    });
    const changes = diffEventSchemas(before, after);
    expect(find(changes, 'status')?.kind === 'changed' && find(changes, 'status')).toMatchObject({
      details: ['allowed values removed: "done"'],
    });
    expect(find(changes, 'score')).toMatchObject({ details: ['no longer nullable'] });
    expect(changes.some(isBreaking)).toBe(false);
  });

  it('flags a switch from local times to RFC 3339 timestamps as breaking', () => {
    const local =
      '^(?:(?:\\d\\d[2468][048]|x)T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z)|(?:[01]\\d))$';
    const offset =
      '^(?:(?:\\d\\d[2468][048]|x)T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$';
    const changes = diffEventSchemas(
      withProps({ at: { type: 'string', pattern: local, description: 'At' } }),
      withProps({ at: { type: 'string', format: 'date-time', pattern: offset, description: 'At' } }),
    );
    expect(find(changes, 'at')).toMatchObject({
      details: ['format date-time, local without offset (or Z) → date-time with offset (RFC 3339)'],
    });
    expect(isBreaking(find(changes, 'at') as FieldChange)).toBe(true);
  });
});
