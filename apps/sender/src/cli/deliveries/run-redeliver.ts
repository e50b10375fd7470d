import type { CommandInput } from '../args/command-spec.js';
import { parseDuration } from '../args/duration.js';
import type { redeliverOptions } from '../commands/redeliver.js';
import { ExitCode } from '../exit-codes.js';
import { attemptJson, formatAttemptLine } from '../output/attempt-line.js';
import { connect } from '../remote/connect.js';
import { endpointOfTenant } from '../remote/resolve-tenant.js';
import { waitForAttempts } from '../remote/wait-for-attempts.js';

/** `taskhooks redeliver`: queue one delivery again and show its next attempt. */
export async function runRedeliver({
  values,
  positionals,
  output,
  env,
  signal,
}: CommandInput<typeof redeliverOptions>): Promise<number> {
  const deliveryId = positionals[0]!;
  const timeoutMs = values['wait-timeout'] ? parseDuration(values['wait-timeout'], 'wait-timeout') : 10_000;
  const { client } = connect(values, env, signal);
  const tenant = values.tenant ?? env.TASKHOOKS_TENANT;
  if (tenant !== undefined) {
    const { endpointId } = await client.deliveries.get({ deliveryId });
    await endpointOfTenant(client, endpointId, tenant);
  }
  const delivery = await client.deliveries.redeliver({ deliveryId });
  const { style } = output;
  output.say(
    `Queued delivery ${style.bold(delivery.id)} (${delivery.event}, message ${delivery.messageId}) again`,
  );
  const attempts: ReturnType<typeof attemptJson>[] = [];
  let complete = true;
  if (!values['no-wait']) {
    ({ complete } = await waitForAttempts({
      client,
      deliveries: [{ id: delivery.id, attemptsBefore: delivery.attemptCount }],
      timeoutMs,
      signal,
      onAttempt: (seen) => {
        output.say(formatAttemptLine(style, seen));
        attempts.push(attemptJson(seen));
      },
    }));
    if (!complete) output.say(style.yellow(`  (no new attempt within ${timeoutMs / 1000} s)`));
  }
  output.emit({
    deliveryId: delivery.id,
    messageId: delivery.messageId,
    event: delivery.event,
    attempts,
    complete,
  });
  // A wait that timed out is a failure for scripts (exit 1), as --help documents.
  return complete ? ExitCode.ok : ExitCode.failure;
}
