/**
 * How each automation tool reaches a payload field. Paths use the site's notation
 * (`summary.score_pct`, `tasks[0].reward_currency` for the first array item).
 */
export interface ToolSyntax {
  tool: string;
  expression(path: string): string;
}

interface Segment {
  key: string;
  index?: number;
}

export function parsePath(path: string): Segment[] {
  return path.split('.').map((part) => {
    const match = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(part);
    if (!match) throw new Error(`Unsupported field path segment "${part}" in "${path}"`);
    return match[2] === undefined
      ? { key: match[1] as string }
      : { key: match[1] as string, index: Number(match[2]) };
  });
}

function jsPath(path: string): string {
  return parsePath(path)
    .map((s) => (s.index === undefined ? s.key : `${s.key}[${s.index}]`))
    .join('.');
}

export const toolSyntaxes: ToolSyntax[] = [
  { tool: 'Home Assistant', expression: (p) => `{{ trigger.json.${jsPath(p)} }}` },
  { tool: 'Node-RED', expression: (p) => `msg.payload.${jsPath(p)}` },
  { tool: 'n8n', expression: (p) => `{{ $json.body.${jsPath(p)} }}` },
  { tool: 'Make', expression: makeExpression },
  {
    tool: 'Zapier',
    // Catch Hook flattens nested keys with "__"; arrays of objects become line items.
    expression: (p) =>
      parsePath(p)
        .map((s) => s.key)
        .join('__'),
  },
  {
    tool: 'IFTTT (filter code)',
    expression: (p) => `JSON.parse(MakerWebhooks.jsonEvent.JsonPayload).${jsPath(p)}`,
  },
];

/** The value at `path` in a payload, or undefined when any step is missing. */
export function valueAt(payload: unknown, path: string): unknown {
  let current: unknown = payload;
  for (const segment of parsePath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment.key];
    if (segment.index !== undefined) current = Array.isArray(current) ? current[segment.index] : undefined;
  }
  return current;
}

/** `tasks[0].reward_currency` → `tasks[].reward_currency`, the path as written in field tables. */
export function schemaPathOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/**
 * Make maps `{{1.summary.score_pct}}` (module 1 is the webhook); array items need `get()`,
 * whose path is 1-based: `{{get(1.tasks; 1.reward_currency)}}`.
 */
function makeExpression(path: string): string {
  const segments = parsePath(path);
  const firstArray = segments.findIndex((s) => s.index !== undefined);
  if (firstArray === -1) return `{{1.${segments.map((s) => s.key).join('.')}}}`;
  const head = segments.slice(0, firstArray + 1).map((s) => s.key);
  const tail = segments
    .slice(firstArray + 1)
    .flatMap((s) => (s.index === undefined ? [s.key] : [s.key, String(s.index + 1)]));
  return `{{get(1.${head.join('.')}; ${[String((segments[firstArray]?.index ?? 0) + 1), ...tail].join('.')})}}`;
}
