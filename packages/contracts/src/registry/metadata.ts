import { z } from 'zod';

/** Metadata every event schema carries (zod `.meta()`), the one place docs and examples come from. */
export interface EventMetadata {
  /** The event name; becomes the JSON Schema title. */
  title: string;
  /** What triggers the event, in our words. */
  description: string;
  /** At least one realistic payload; each is validated by the test suite. */
  examples: unknown[];
}

export function eventMetadata(schema: z.ZodType): EventMetadata {
  const meta = z.globalRegistry.get(schema) as Partial<EventMetadata> | undefined;
  return {
    title: meta?.title ?? '',
    description: meta?.description ?? '',
    examples: Array.isArray(meta?.examples) ? meta.examples : [],
  };
}
