import type { CommandInput } from '../args/command-spec.js';
import { parseDuration, parseSince } from '../args/duration.js';
import { requireOption } from '../args/parse-command-args.js';
import type { recoverOptions } from '../commands/recover.js';
import { ExitCode } from '../exit-codes.js';
import { pause } from '../remote/attempt-tracker.js';
import { connect } from '../remote/connect.js';
import { countOpenDeliveries } from '../remote/count-open-deliveries.js';
import { endpointOfTenant } from '../remote/resolve-tenant.js';

const POLL_INTERVAL_MS = 500;

/** `taskhooks recover`: re-queue an endpoint's failed deliveries since a time, with progress. */
export async function runRecover({
  values,
  output,
  env,
  signal,
}: CommandInput<typeof recoverOptions>): Promise<number> {
  const endpointId = requireOption('recover', 'endpoint', values.endpoint);
  const since = parseSince(requireOption('recover', 'since', values.since), 'since', Date.now());
  const timeoutMs = values['wait-timeout'] ? parseDuration(values['wait-timeout'], 'wait-timeout') : 60_000;
  const { client } = connect(values, env, signal);
  const tenant = values.tenant ?? env.TASKHOOKS_TENANT;
  if (tenant !== undefined) await endpointOfTenant(client, endpointId, tenant);
  const { requeued } = await client.deliveries.recover({ endpointId, since });
  const { style } = output;
  const sinceText = new Date(since).toISOString();
  if (requeued === 0) {
    output.say(`No failed deliveries of endpoint ${endpointId} since ${sinceText}: nothing to recover.`);
    output.emit({ endpointId, since, requeued, attempted: 0, complete: true });
    return 0;
  }
  output.say(
    `Queued ${style.bold(String(requeued))} failed deliveries of endpoint ${endpointId} since ${sinceText} again`,
  );
  let attempted = 0;
  let complete = true;
  if (!values['no-wait']) {
    const bar = output.progress('Redelivering', requeued);
    const deadline = Date.now() + timeoutMs;
    while (!signal.aborted) {
      const open = await countOpenDeliveries(client, endpointId, since);
      attempted = Math.max(attempted, requeued - Math.min(open, requeued));
      bar.update(attempted);
      if (open === 0 || Date.now() >= deadline) break;
      await pause(POLL_INTERVAL_MS, signal);
    }
    bar.finish();
    complete = attempted === requeued;
    const failedAgain = (await client.deliveries.list({ endpointId, status: 'failed', since, limit: 500 }))
      .items.length;
    output.say(
      complete
        ? `${style.green('Done:')} ${requeued - failedAgain} delivered, ${failedAgain} failed again (see \`taskhooks deliveries --endpoint ${endpointId} --failed\`)`
        : style.yellow(
            `${attempted} of ${requeued} attempted within ${timeoutMs / 1000} s; the rest keep going in the background`,
          ),
    );
  }
  output.emit({ endpointId, since, requeued, attempted, complete });
  // A wait that timed out is a failure for scripts (exit 1), as --help documents.
  return complete ? ExitCode.ok : ExitCode.failure;
}
