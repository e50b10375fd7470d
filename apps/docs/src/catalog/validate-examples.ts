import { isModelId, validateOutgoing } from '@taskhooks/contracts';
import type { Catalog } from './catalog.js';

export class InvalidExampleError extends Error {
  override readonly name = 'InvalidExampleError';
}

/**
 * The site only shows examples a sender would be allowed to emit: every example passes
 * `validateOutgoing` (strict schema + cross-field invariants) and names the event it documents.
 * Throws one error listing every bad example, so the build fails instead of publishing it.
 */
export function assertExamplesValid(catalog: Catalog): number {
  const problems: string[] = [];
  let checked = 0;
  for (const model of catalog.models) {
    for (const event of model.events) {
      if (event.examples.length === 0) problems.push(`${model.id} ${event.name}: has no example`);
      event.examples.forEach((example, index) => {
        checked++;
        problems.push(...exampleProblems(model.id, event.name, example, index));
      });
    }
  }
  if (problems.length > 0) {
    throw new InvalidExampleError(
      `Refusing to publish docs with ${problems.length} invalid example(s):\n${problems.join('\n')}`,
    );
  }
  return checked;
}

export function exampleProblems(model: string, event: string, example: unknown, index = 0): string[] {
  const where = `${model} ${event} example #${index + 1}`;
  if (!isModelId(model)) return [`${where}: unknown model`];
  const named = (example as { event?: unknown } | null)?.event;
  if (named !== event) return [`${where}: its "event" is ${JSON.stringify(named)}, expected "${event}"`];
  const result = validateOutgoing(model, example);
  return result.success ? [] : [`${where}: ${result.error.message}`];
}
