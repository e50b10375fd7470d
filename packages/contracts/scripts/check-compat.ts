/**
 * Breaking-change gate. Compares the frozen schema of every published (model, event) in
 * schema-snapshots/ with what the code emits now and fails on any change that may break a
 * receiver (see src/evolution/compat). A deliberate change ships as a new model id with a
 * changeset; snapshots are never edited.
 *
 *   pnpm --filter @taskhooks/contracts compat:check            # the gate (CI)
 *   pnpm --filter @taskhooks/contracts compat:update           # freeze models that have no snapshot yet
 *   tsx scripts/check-compat.ts --current <dir>                # judge a schema folder (<model>/<event>.schema.json) instead
 *   tsx scripts/check-compat.ts --snapshots <dir>              # use another snapshot folder (tests)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compareCatalogs,
  eventJsonSchema,
  formatFinding,
  gateFails,
  listEvents,
  modelIds,
  type SchemaCatalog,
  type SchemaNode,
} from '../src/index.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const snapshotRoot = resolve(argumentAfter('--snapshots') ?? join(packageRoot, 'schema-snapshots'));
const SUFFIX = '.schema.json';
const FROZEN =
  'FROZEN snapshot of a published schema, written once by scripts/check-compat.ts --update. Never edit: compat:check compares the current schema with it; publish a new model id instead.';

function currentFromRegistry(): SchemaCatalog {
  const catalog: SchemaCatalog = {};
  for (const model of modelIds) {
    catalog[model] = {};
    for (const event of listEvents(model)) catalog[model][event] = eventJsonSchema(model, event);
  }
  return catalog;
}

/** `<root>/<model>/<event>.schema.json` files; bundles and other files at the root are ignored. */
function readCatalog(root: string): SchemaCatalog {
  const catalog: SchemaCatalog = {};
  if (!existsSync(root)) return catalog;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const events: Record<string, SchemaNode> = {};
    for (const file of readdirSync(join(root, entry.name))) {
      if (!file.endsWith(SUFFIX)) continue;
      events[file.slice(0, -SUFFIX.length)] = JSON.parse(readFileSync(join(root, entry.name, file), 'utf8'));
    }
    catalog[entry.name] = events;
  }
  return catalog;
}

/** Writes snapshots for models that have none. An existing model folder is never touched. */
function freezeNewModels(current: SchemaCatalog, published: SchemaCatalog): string[] {
  const written: string[] = [];
  for (const [model, events] of Object.entries(current)) {
    if (published[model]) continue;
    mkdirSync(join(snapshotRoot, model), { recursive: true });
    for (const [event, schema] of Object.entries(events)) {
      const path = join(snapshotRoot, model, `${event}${SUFFIX}`);
      writeFileSync(path, `${JSON.stringify({ $comment: FROZEN, ...schema }, null, 2)}\n`, { flag: 'wx' });
      written.push(relative(packageRoot, path));
    }
  }
  return written;
}

function argumentAfter(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  if (!value || value.startsWith('--')) throw new Error(`${flag} needs a folder argument`);
  return value;
}

const currentDir = argumentAfter('--current');
let published = readCatalog(snapshotRoot);
const fromRegistry = currentFromRegistry();

if (process.argv.includes('--update')) {
  const written = freezeNewModels(fromRegistry, published);
  console.log(
    written.length === 0
      ? 'compat:update: every registered model already has snapshots; nothing written (existing snapshots are never overwritten).'
      : `compat:update: froze ${written.length} schemas of new models:\n  ${written.join('\n  ')}`,
  );
  published = readCatalog(snapshotRoot);
}

const current = currentDir ? readCatalog(resolve(currentDir)) : fromRegistry;
const findings = compareCatalogs(published, current);
const source = currentDir ? resolve(currentDir) : 'the zod contracts';
const compatible = findings.filter((finding) => finding.severity === 'compatible');
for (const finding of compatible) console.log(`  ok  ${formatFinding(finding)}`);
if (gateFails(findings)) {
  const failing = findings.filter((finding) => finding.severity !== 'compatible');
  console.error(
    `compat:check FAILED for ${source} (${failing.length} problem${failing.length === 1 ? '' : 's'}):`,
  );
  for (const finding of failing) console.error(`  ✗ ${formatFinding(finding)}`);
  process.exit(1);
}
const eventCount = Object.values(published).reduce((total, events) => total + Object.keys(events).length, 0);
console.log(
  `compat:check passed: ${eventCount} published event schemas of ${Object.keys(published).length} models checked against ${source}; ${compatible.length} compatible change${compatible.length === 1 ? '' : 's'}.`,
);
