import { describe, expect, it } from 'vitest';
import { compareSchemas } from './compare-schemas.js';
import type { SchemaNode } from './schema-node.js';

/** A small event schema written the way zod emits JSON Schema (draft 2020-12). */
const published: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taskhooks.dev/schemas/demo_v1/plan.failed.schema.json',
  title: 'plan.failed',
  description: 'A plan failed.',
  type: 'object',
  properties: {
    event: { type: 'string', const: 'plan.failed', description: 'Event name.' },
    status: { type: 'string', enum: ['active', 'failed'], description: 'Plan status.' },
    score: { anyOf: [{ type: 'number', minimum: 0, maximum: 100 }, { type: 'null' }], description: 'Score.' },
    child_name: { type: ['string', 'null'], description: 'Child name.' },
    title: { type: 'string', minLength: 1, description: 'Title.' },
    nickname: { type: 'string', description: 'Optional nickname.' },
    occurred_at: { type: 'string', format: 'date-time', pattern: '^\\d{4}-.*Z$' },
    tasks: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, points: { type: 'number', minimum: 0 } },
        required: ['id', 'points'],
        additionalProperties: false,
      },
    },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    extras: { type: 'object', properties: { note: { type: 'string' } }, additionalProperties: {} },
  },
  required: ['event', 'status', 'score', 'child_name', 'title', 'occurred_at', 'tasks', 'labels', 'extras'],
  additionalProperties: false,
};

type Props = Record<string, SchemaNode>;
const edit = (change: (schema: SchemaNode & { properties: Props; required: string[] }) => void) => {
  const copy = structuredClone(published) as SchemaNode & { properties: Props; required: string[] };
  change(copy);
  return copy;
};
const prop = (schema: { properties: Props }, name: string) => schema.properties[name] as SchemaNode;
const itemProps = (schema: { properties: Props }) =>
  (prop(schema, 'tasks').items as { properties: Props }).properties;

interface Row {
  change: string;
  current: SchemaNode;
  /** `kind@path` of every expected change; breaking ones prefixed with `!`. */
  expected: string[];
}

const rows: Row[] = [
  // Compatible: nothing a receiver can observe, or only what lenient receivers absorb.
  { change: 'identical copy', current: edit(() => {}), expected: [] },
  {
    change: 'descriptions, titles and examples reworded',
    current: edit((s) => {
      s.description = 'Reworded.';
      s.examples = [{}];
      prop(s, 'score').description = 'Plan score in percent.';
      prop(s, 'title').title = 'Plan title';
    }),
    expected: [],
  },
  {
    change: 'optional field added',
    current: edit((s) => {
      s.properties.timezone = { type: 'string' };
    }),
    expected: ['field_added_optional@timezone'],
  },
  {
    change: 'optional field added inside array items',
    current: edit((s) => {
      itemProps(s).emoji = { type: 'string' };
    }),
    expected: ['field_added_optional@tasks[].emoji'],
  },
  {
    change: 'enum value added',
    current: edit((s) => {
      prop(s, 'status').enum = ['active', 'failed', 'paused'];
    }),
    expected: ['enum_value_added@status'],
  },
  {
    change: 'properties and required reordered',
    current: edit((s) => {
      s.properties = Object.fromEntries(Object.entries(s.properties).reverse());
      s.required = [...s.required].reverse();
    }),
    expected: [],
  },
  {
    change: 'nullable written as anyOf instead of a type list',
    current: edit((s) => {
      s.properties.child_name = { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'Child name.' };
    }),
    expected: [],
  },
  {
    change: 'subschema moved behind a $ref',
    current: edit((s) => {
      s.$defs = { Task: prop(s, 'tasks').items };
      prop(s, 'tasks').items = { $ref: '#/$defs/Task' };
    }),
    expected: [],
  },
  {
    change: 'additionalProperties loosened (false → any)',
    current: edit((s) => {
      s.additionalProperties = true;
    }),
    expected: ['additional_properties_loosened@(root)'],
  },
  // Breaking.
  {
    change: 'field removed',
    current: edit((s) => {
      delete s.properties.nickname;
    }),
    expected: ['!field_removed@nickname'],
  },
  {
    change: 'field renamed',
    current: edit((s) => {
      s.properties.name = prop(s, 'title');
      delete s.properties.title;
      s.required = s.required.map((key) => (key === 'title' ? 'name' : key));
    }),
    expected: ['!field_removed@title', '!field_added_required@name'],
  },
  {
    change: 'type changed (string → number)',
    current: edit((s) => {
      s.properties.nickname = { type: 'number' };
    }),
    expected: ['!type_changed@nickname'],
  },
  {
    change: 'type narrowed (number → integer) inside array items',
    current: edit((s) => {
      itemProps(s).points = { type: 'integer', minimum: 0 };
    }),
    expected: ['!type_narrowed@tasks[].points'],
  },
  {
    change: 'type widened (string → string | number)',
    current: edit((s) => {
      s.properties.nickname = { type: ['string', 'number'] };
    }),
    expected: ['!type_widened@nickname'],
  },
  {
    change: 'enum value removed',
    current: edit((s) => {
      prop(s, 'status').enum = ['failed'];
    }),
    expected: ['!enum_value_removed@status'],
  },
  {
    change: 'enum restriction dropped (any string)',
    current: edit((s) => {
      delete prop(s, 'status').enum;
    }),
    expected: ['!values_unrestricted@status'],
  },
  {
    change: 'const changed',
    current: edit((s) => {
      prop(s, 'event').const = 'plan.finished';
    }),
    expected: ['!const_changed@event'],
  },
  {
    change: 'optional → required',
    current: edit((s) => {
      s.required.push('nickname');
    }),
    expected: ['!became_required@nickname'],
  },
  {
    change: 'required → optional',
    current: edit((s) => {
      s.required = s.required.filter((key) => key !== 'title');
    }),
    expected: ['!became_optional@title'],
  },
  {
    change: 'nullability removed',
    current: edit((s) => {
      s.properties.score = { type: 'number', minimum: 0, maximum: 100 };
    }),
    expected: ['!nullability_removed@score'],
  },
  {
    change: 'nullability added',
    current: edit((s) => {
      s.properties.title = { type: ['string', 'null'], minLength: 1 };
    }),
    expected: ['!nullability_added@title'],
  },
  {
    change: 'additionalProperties tightened (any → false)',
    current: edit((s) => {
      prop(s, 'extras').additionalProperties = false;
    }),
    expected: ['!additional_properties_tightened@extras'],
  },
  {
    change: 'map value type changed',
    current: edit((s) => {
      prop(s, 'labels').additionalProperties = { type: 'number' };
    }),
    expected: ['!type_changed@labels{*}'],
  },
  {
    change: 'new required field',
    current: edit((s) => {
      s.properties.tenant_id = { type: 'string' };
      s.required.push('tenant_id');
    }),
    expected: ['!field_added_required@tenant_id'],
  },
  {
    change: 'maximum raised (percent above 100)',
    current: edit((s) => {
      s.properties.score = { anyOf: [{ type: 'number', minimum: 0, maximum: 1000 }, { type: 'null' }] };
    }),
    expected: ['!constraint_changed@score'],
  },
  {
    change: 'minLength raised',
    current: edit((s) => {
      prop(s, 'title').minLength = 3;
    }),
    expected: ['!constraint_changed@title'],
  },
  {
    change: 'pattern changed (offset required)',
    current: edit((s) => {
      prop(s, 'occurred_at').pattern = '^\\d{4}-.*[+-]\\d\\d:\\d\\d$';
    }),
    expected: ['!constraint_changed@occurred_at'],
  },
  {
    change: 'nested field removed in array items',
    current: edit((s) => {
      delete itemProps(s).points;
      (prop(s, 'tasks').items as { required: string[] }).required = ['id'];
    }),
    expected: ['!field_removed@tasks[].points'],
  },
  {
    change: 'union alternative added',
    current: edit((s) => {
      s.properties.score = {
        anyOf: [{ type: 'number', minimum: 0, maximum: 100 }, { type: 'string' }, { type: 'null' }],
      };
    }),
    expected: ['!union_changed@score'],
  },
  {
    change: 'unknown validation keyword added (allOf)',
    current: edit((s) => {
      prop(s, 'nickname').allOf = [{ maxLength: 10 }];
    }),
    expected: ['!keyword_changed@nickname'],
  },
];

describe('compareSchemas: compatible and incompatible changes', () => {
  it('the table has at least 15 breaking rows besides the compatible ones', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.filter((row) => row.expected.some((e) => e.startsWith('!'))).length).toBeGreaterThanOrEqual(
      15,
    );
  });

  it.each(rows)('$change', ({ current, expected }) => {
    const changes = compareSchemas(published, current).map(
      (change) => `${change.breaking ? '!' : ''}${change.kind}@${change.path}`,
    );
    expect(changes.sort()).toEqual([...expected].sort());
  });

  it('explains a change in words a receiver author understands', () => {
    const current = edit((s) => {
      s.properties.score = { type: 'number', minimum: 0, maximum: 100 };
      prop(s, 'status').enum = ['failed'];
      itemProps(s).points = { type: 'integer', minimum: 1 };
    });
    expect(compareSchemas(published, current).map(({ path, detail }) => `${path}: ${detail}`)).toEqual([
      'status: enum value "active" removed',
      'score: nullability removed (null was allowed)',
      'tasks[].points: type narrowed from number to integer',
    ]);
    const raised = edit((s) => {
      itemProps(s).points = { type: 'number', minimum: 1 };
    });
    expect(compareSchemas(published, raised)[0]?.detail).toBe(
      'minimum changed from 0 to 1 (narrowed: values that were valid are now rejected)',
    );
  });

  it('does not mistake a field named like an annotation (title) for one', () => {
    const current = edit((s) => {
      s.properties = { ...s.properties, description: { type: 'string' } };
    });
    expect(compareSchemas(published, current).map((c) => c.path)).toEqual(['description']);
  });
});
