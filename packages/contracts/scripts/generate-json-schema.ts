/**
 * Writes the JSON Schema (draft 2020-12) of every (model, event) and one bundle per model into
 * generated/json-schema/. With --check, writes nothing and exits 1 if the committed files differ
 * from what the zod schemas produce now (CI runs this so the files never drift).
 *
 *   pnpm --filter @taskhooks/contracts generate         # regenerate
 *   pnpm --filter @taskhooks/contracts generate:check   # verify
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventJsonSchema, listEvents, modelIds, modelJsonSchemaBundle } from '../src/index.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputRoot = join(packageRoot, 'generated', 'json-schema');
const check = process.argv.includes('--check');

const HEADER =
  'GENERATED from packages/contracts/src by scripts/generate-json-schema.ts. Do not edit; run `pnpm schemas:generate`.';

function renderFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const index: Record<string, string[]> = {};
  for (const model of modelIds) {
    index[model] = [];
    for (const event of listEvents(model)) {
      const path = `${model}/${event}.schema.json`;
      files.set(path, toJson({ $comment: HEADER, ...eventJsonSchema(model, event) }));
      index[model].push(path);
    }
    files.set(`${model}.bundle.schema.json`, toJson({ $comment: HEADER, ...modelJsonSchemaBundle(model) }));
  }
  files.set('index.json', toJson({ $comment: HEADER, models: index }));
  files.set(
    'README.md',
    `# Generated JSON Schemas\n\n${HEADER}\n\nOne file per (model, event) under \`<model>/\`, and \`<model>.bundle.schema.json\` with every event of a model.\n`,
  );
  return files;
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function listExisting(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(outputRoot, join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
}

const expected = renderFiles();
if (check) {
  const problems: string[] = [];
  for (const [path, content] of expected) {
    let actual: string | null = null;
    try {
      actual = readFileSync(join(outputRoot, path), 'utf8');
    } catch {}
    if (actual === null) problems.push(`missing: ${path}`);
    else if (actual !== content) problems.push(`out of date: ${path}`);
  }
  for (const path of listExisting(outputRoot))
    if (!expected.has(path)) problems.push(`stale (no schema): ${path}`);
  if (problems.length > 0) {
    console.error(
      `JSON Schemas drifted from the zod contracts (${problems.length}):\n  ${problems.join('\n  ')}`,
    );
    console.error('Run `pnpm schemas:generate` and commit the result.');
    process.exit(1);
  }
  console.log(
    `JSON Schemas up to date: ${expected.size} files in ${relative(process.cwd(), outputRoot) || '.'}`,
  );
} else {
  rmSync(outputRoot, { recursive: true, force: true });
  for (const [path, content] of expected) {
    mkdirSync(dirname(join(outputRoot, path)), { recursive: true });
    writeFileSync(join(outputRoot, path), content);
  }
  console.log(`Wrote ${expected.size} files to ${relative(process.cwd(), outputRoot)}`);
  for (const path of [...expected.keys()].sort()) console.log(`  ${path}`);
}
