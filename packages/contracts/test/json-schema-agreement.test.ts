import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { getEventSchema, listEvents, modelIds, parseEvent } from '../src/index.js';
import { arbitraryFromZod, mutate } from './arbitrary-from-zod.js';

/**
 * zod (what our code enforces) and the generated JSON Schema (what partners in other languages
 * enforce) must accept exactly the same documents. For each model: valid documents generated
 * from the zod schema and mutated ones, each checked by both, against the COMMITTED schema files.
 */
const RUNS_PER_MODEL = Number(process.env.FAST_CHECK_RUNS ?? 10_000);
const generatedRoot = join(import.meta.dirname, '..', 'generated', 'json-schema');
const counts: Record<string, { valid: number; mutated: number; rejectedByBoth: number }> = {};

function loadValidator(model: string) {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(generatedRoot, `${model}.bundle.schema.json`), 'utf8')));
}

describe.each(modelIds)('zod and JSON Schema agree on %s', (model) => {
  it(`on ${RUNS_PER_MODEL} generated valid and mutated documents`, () => {
    const validate = loadValidator(model);
    const perEvent = listEvents(model).map((event) => arbitraryFromZod(getEventSchema(model, event)));
    const documents = fc.oneof(...perEvent).map((doc) => JSON.parse(JSON.stringify(doc)) as unknown);
    const tally = { valid: 0, mutated: 0, rejectedByBoth: 0 };
    counts[model] = tally;
    fc.assert(
      fc.property(
        documents,
        fc.boolean(),
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        (doc, broken, stream) => {
          const it = stream[Symbol.iterator]();
          const candidate = broken ? mutate(doc, () => it.next().value as number) : doc;
          const zodAccepts = parseEvent(model, candidate).success;
          const ajvAccepts = validate(candidate) === true;
          if (broken) {
            tally.mutated++;
            if (!zodAccepts && !ajvAccepts) tally.rejectedByBoth++;
          } else {
            tally.valid++;
            if (!zodAccepts)
              throw new Error(`generator produced a document zod rejects: ${JSON.stringify(candidate)}`);
          }
          if (zodAccepts !== ajvAccepts) {
            throw new Error(
              `disagreement (zod ${zodAccepts}, ajv ${ajvAccepts}): ${JSON.stringify(validate.errors)} ${JSON.stringify(candidate)}`,
            );
          }
        },
      ),
      { numRuns: RUNS_PER_MODEL },
    );
    expect(tally.valid + tally.mutated).toBe(RUNS_PER_MODEL);
    // Mutations must actually exercise the rejecting side, or the test proves nothing.
    expect(tally.rejectedByBoth).toBeGreaterThan(tally.mutated * 0.5);
  });
});

afterAll(() => {
  for (const [model, tally] of Object.entries(counts)) {
    console.log(
      `[agreement] ${model}: ${tally.valid + tally.mutated} cases (${tally.valid} valid, ${tally.mutated} mutated, ${tally.rejectedByBoth} rejected by both) — zod and ajv agree on all`,
    );
  }
});
