import { z } from 'zod';

type Compile = <T extends z.ZodType>(schema: T) => T;

// `z.compile` arrived in zod 4.6; older 4.x releases the dependency range admits parse on the runtime alone.
const compile = (z as { compile?: Compile }).compile;

const compiled = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema with zod's ahead-of-time compiled fast path, built once per schema. Receivers parse
 * every delivery, and for our wide strict objects the generated code is several times faster than
 * the per-node runtime. Meaning is unchanged: valid input gets the same output, and invalid input
 * falls back to the runtime parser, so issues and messages are the runtime's. A schema zod cannot
 * compile, an environment that forbids `new Function`, and `z.config({ jitless: true })` all keep
 * the plain runtime parser.
 */
export function compiledSchema<T extends z.ZodType>(schema: T): T {
  let fast = compiled.get(schema);
  if (fast === undefined) {
    fast = compile !== undefined && !z.config().jitless ? compile(schema) : schema;
    compiled.set(schema, fast);
  }
  return fast as T;
}
