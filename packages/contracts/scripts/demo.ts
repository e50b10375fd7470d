/**
 * The main job until the sender CLI lands: validates the seed-000 example payload against
 * plan_bound_v2, shows a rejected payload's error, and lists the generated JSON Schemas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listEvents, modelIds, parseEvent, validateOutgoing } from '../src/index.js';

const packageRoot = join(import.meta.dirname, '..');
const seedExample = JSON.parse(
  readFileSync(join(packageRoot, 'src/models/plan-bound-v2/__fixtures__/seed-000-example.json'), 'utf8'),
) as Record<string, unknown>;

const accepted = validateOutgoing('plan_bound_v2', seedExample);
console.log(
  `seed-000 example (${String(seedExample.event)}): ${accepted.success ? 'valid plan_bound_v2 payload' : accepted.error.message}`,
);

const broken = { ...seedExample, status: 'paused', score: '37.5', surprise: true };
const rejected = parseEvent('plan_bound_v2', broken);
console.log(
  `\na hand-edited copy is rejected with every failing path:\n${rejected.success ? 'unexpectedly valid' : rejected.error.message}`,
);

console.log('\nmodels and events:');
for (const model of modelIds)
  console.log(`  ${model} (${listEvents(model).length}): ${listEvents(model).join(', ')}`);

const index = JSON.parse(readFileSync(join(packageRoot, 'generated/json-schema/index.json'), 'utf8')) as {
  models: Record<string, string[]>;
};
const files = Object.values(index.models).flat();
console.log(
  `\ngenerated JSON Schemas (${files.length} event schemas + ${modelIds.length} bundles) in packages/contracts/generated/json-schema:`,
);
for (const file of files) console.log(`  ${file}`);
for (const model of modelIds) console.log(`  ${model}.bundle.schema.json`);
if (!accepted.success) process.exit(1);
