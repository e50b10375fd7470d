import { randomUUID } from 'node:crypto';
import { withFreshEventId, withTenantId } from '../../ingest/example-payload.js';
import type { CommandInput } from '../args/command-spec.js';
import { parseDuration, parsePositiveInt } from '../args/duration.js';
import type { triggerOptions } from '../commands/trigger.js';
import { modelForEvent, resolveModelOption } from '../contracts/choose-model.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { attemptJson, formatAttemptLine } from '../output/attempt-line.js';
import { connect, tenantInput } from '../remote/connect.js';
import { waitForAttempts } from '../remote/wait-for-attempts.js';
import { loadPayload } from '../trigger/payload-source.js';

const BATCH_SIZE = 100;

/** `taskhooks trigger`: publish an event (example or file, validated here first) and show where it went. */
export async function runTrigger({
  values,
  positionals,
  output,
  env,
  signal,
}: CommandInput<typeof triggerOptions>): Promise<number> {
  const event = positionals[0]!;
  const model = values.model ? resolveModelOption(values.model) : modelForEvent(event);
  const count = parsePositiveInt(values.count, 'count', 1, 10_000);
  const timeoutMs = values['wait-timeout'] ? parseDuration(values['wait-timeout'], 'wait-timeout') : 10_000;
  const loaded = loadPayload(model, event, values.payload);
  // Each published copy of the example is a new event, and so is each of --count copies of a file
  // (receivers deduplicate on the event id); one publish of a file keeps the file's id.
  const { client, target } = connect(values, env, signal);
  // An example names an example tenant; a file names whichever tenant its author meant.
  const template = values.payload === undefined ? withTenantId(model, loaded, target.tenantId) : loaded;
  const payload =
    values.payload === undefined || count > 1 ? () => withFreshEventId(model, template) : () => template;
  const { style } = output;

  if (count > 1) {
    const bar = output.progress(`Publishing ${event}`, count);
    const messageIds: string[] = [];
    let deliveriesCreated = 0;
    for (let sent = 0; sent < count && !signal.aborted; sent += BATCH_SIZE) {
      const size = Math.min(BATCH_SIZE, count - sent);
      const events = Array.from({ length: size }, () => ({
        model,
        event,
        payload: payload(),
        idempotencyKey: `cli_${randomUUID()}`,
      }));
      const { results } = await client.call('events.publishBatch', { ...tenantInput(target), events });
      messageIds.push(...results.map((r) => r.messageId));
      deliveriesCreated += results.reduce((sum, r) => sum + r.deliveriesCreated, 0);
      bar.update(messageIds.length);
    }
    bar.finish();
    if (messageIds.length < count && signal.aborted) {
      throw new CliError(
        `interrupted after publishing ${messageIds.length} of ${count}`,
        ExitCode.interrupted,
      );
    }
    output.say(
      `Published ${messageIds.length} × ${style.bold(event)} (${model}): ${deliveriesCreated} deliveries queued`,
    );
    output.emit({ event, model, published: messageIds.length, deliveriesCreated, messageIds });
    return 0;
  }

  const published = await client.call('events.publish', {
    ...tenantInput(target),
    model,
    event,
    payload: payload(),
    idempotencyKey: `cli_${randomUUID()}`,
  });
  const message = await client.messages.get({ messageId: published.messageId });
  const endpointIds = new Set(message.deliveries.map((d) => d.endpointId));
  const { items: endpoints } =
    endpointIds.size > 0 ? await client.endpoints.list({ tenantId: message.tenantId }) : { items: [] };
  const urlOf = new Map(endpoints.map((e) => [e.id, e.url]));
  const source = values.payload ?? 'contract example';

  output.say(
    `Published ${style.bold(event)} (${model}, ${source}) for tenant ${message.tenantId}: message ${style.bold(message.id)}`,
  );
  if (message.deliveries.length === 0) {
    output.say(
      style.yellow(
        `  No endpoint of tenant ${message.tenantId} receives ${event}: run \`taskhooks listen --forward-to <url>\` or create one.`,
      ),
    );
  }
  for (const delivery of message.deliveries) {
    output.say(
      `  → endpoint ${delivery.endpointId} ${style.dim(urlOf.get(delivery.endpointId) ?? '')}  delivery ${delivery.id}`,
    );
  }
  const attempts: ReturnType<typeof attemptJson>[] = [];
  let complete = true;
  if (!values['no-wait'] && message.deliveries.length > 0) {
    ({ complete } = await waitForAttempts({
      client,
      deliveries: message.deliveries.map((d) => ({ id: d.id, attemptsBefore: 0 })),
      timeoutMs,
      signal,
      onAttempt: (seen) => {
        output.say(formatAttemptLine(style, seen));
        attempts.push(attemptJson(seen));
      },
    }));
    if (!complete)
      output.say(
        style.yellow(`  (no attempt result within ${timeoutMs / 1000} s: see \`taskhooks deliveries\`)`),
      );
  }
  output.emit({
    messageId: message.id,
    tenantId: message.tenantId,
    model,
    event,
    duplicate: published.duplicate,
    deliveries: message.deliveries.map((d) => ({
      deliveryId: d.id,
      endpointId: d.endpointId,
      url: urlOf.get(d.endpointId) ?? null,
      attempts: attempts.filter((a) => a.deliveryId === d.id),
    })),
    waited: !values['no-wait'],
    complete,
  });
  // A wait that timed out is a failure for scripts (exit 1), as --help documents.
  return complete ? ExitCode.ok : ExitCode.failure;
}
