import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { getEventSchema, listEvents, modelIds, toLenientSchema } from '../src/index.js';
import { compiledSchema } from '../src/parse/compiled.js';
import { arbitraryFromZod, mutate } from './arbitrary-from-zod.js';

/**
 * parseEvent validates through zod's compiled fast path. It must be a pure speed-up: for valid and
 * broken documents alike, the compiled and the runtime schema give the same verdict, the same
 * output (including key order) and the same issues, in strict and in lenient mode.
 */
const RUNS_PER_MODEL = Math.min(Number(process.env.FAST_CHECK_RUNS ?? 1_000), 1_000);

function outcome(result: z.ZodSafeParseResult<unknown>) {
  return result.success
    ? { success: true, json: JSON.stringify(result.data) }
    : { success: false, issues: result.error.issues };
}

describe.each(modelIds)('compiled and runtime schemas agree on %s', (model) => {
  const events = listEvents(model);

  it('gives every event schema a compiled fast path in both modes', () => {
    for (const event of events) {
      const strict = getEventSchema(model, event) as z.ZodObject;
      expect(compiledSchema(strict), `${event} strict did not compile`).not.toBe(strict);
      const lenient = toLenientSchema(strict);
      expect(compiledSchema(lenient), `${event} lenient did not compile`).not.toBe(lenient);
    }
  });

  it(`on ${RUNS_PER_MODEL} generated valid and mutated documents`, () => {
    const perEvent = events.map((event) =>
      arbitraryFromZod(getEventSchema(model, event)).map((doc) => ({ event, doc })),
    );
    const tally = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(
        fc.oneof(...perEvent),
        fc.boolean(),
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        ({ event, doc }, broken, stream) => {
          const it = stream[Symbol.iterator]();
          const json = JSON.parse(JSON.stringify(doc)) as unknown;
          const candidate = broken ? mutate(json, () => it.next().value as number) : json;
          const strict = getEventSchema(model, event) as z.ZodObject;
          for (const runtime of [strict, toLenientSchema(strict)]) {
            const expected = outcome(runtime.safeParse(candidate));
            expect(outcome(compiledSchema(runtime).safeParse(candidate))).toEqual(expected);
            if (expected.success) tally.accepted++;
            else tally.rejected++;
          }
        },
      ),
      { numRuns: RUNS_PER_MODEL },
    );
    // Both verdicts must be exercised, or agreement proves little.
    expect(tally.accepted).toBeGreaterThan(RUNS_PER_MODEL * 0.5);
    expect(tally.rejected).toBeGreaterThan(RUNS_PER_MODEL * 0.1);
  });
});
