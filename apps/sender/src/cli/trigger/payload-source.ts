import { readFileSync } from 'node:fs';
import {
  eventMetadata,
  getEventSchema,
  getModel,
  listEvents,
  type ModelId,
  validateOutgoing,
} from '@taskhooks/contracts';
import { withEventName } from '../../ingest/publisher.js';
import { CliError, ExitCode, usageError } from '../exit-codes.js';

/**
 * The payload `trigger` publishes: the JSON file given, or the contract's first example of the
 * event. Either way it is validated here first, so a mistake is reported per field before anything
 * is sent (the sender validates again).
 */
export function loadPayload(model: ModelId, event: string, file: string | undefined): unknown {
  const events = listEvents(model) as string[];
  if (!events.includes(event)) {
    throw usageError(`"${event}" is not an event of ${model}; its events: ${events.join(', ')}`);
  }
  const loaded = file === undefined ? contractExample(model, event) : readJsonFile(file);
  const problems = [];
  const named = (loaded as { event?: unknown } | null)?.event;
  if (typeof named === 'string' && named !== event) {
    problems.push({ path: 'event', message: `the file says "${named}" but you triggered "${event}"` });
  }
  // The file may leave out what is filled in for it: the event name (here, as the sender would),
  // and in models whose events name their publisher, the tenant (the sender fills it in; checked
  // here with a stand-in, left out when sent).
  const payload = withEventName(loaded, event);
  const object = payload !== null && typeof payload === 'object' && !Array.isArray(payload);
  const tenantField = getModel(model).tenantIdField;
  const standIn =
    object && tenantField !== undefined && (payload as Record<string, unknown>)[tenantField] === undefined;
  const result = validateOutgoing(
    model,
    standIn ? { ...(payload as object), [tenantField!]: 'the-publishing-tenant' } : payload,
  );
  if (!result.success) problems.push(...result.error.issues.map(({ path, message }) => ({ path, message })));
  if (problems.length > 0) {
    throw new CliError(
      `${file ?? 'the contract example'} is not a valid ${model} ${event} payload (${problems.length} issue${problems.length === 1 ? '' : 's'}):`,
      ExitCode.invalid,
      problems,
    );
  }
  if (!standIn) return result.data;
  const { [tenantField!]: _standIn, ...withoutTenant } = result.data as unknown as Record<string, unknown>;
  return withoutTenant;
}

function contractExample(model: ModelId, event: string): unknown {
  const example = eventMetadata(getEventSchema(model, event as never)).examples[0];
  if (example === undefined) {
    throw new CliError(
      `the ${model} contract has no example of ${event}: pass --payload <file>`,
      ExitCode.failure,
    );
  }
  return example;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`--payload: ${file} does not exist`, ExitCode.notFound);
    throw new CliError(`--payload: cannot read ${file} (${code ?? String(error)})`, ExitCode.failure);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(
      `--payload: ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      ExitCode.invalid,
    );
  }
}
