import type { CommandInput } from '../args/command-spec.js';
import { requireOption } from '../args/parse-command-args.js';
import type { listenOptions } from '../commands/listen.js';
import { modelForFilter, resolveModelOption } from '../contracts/choose-model.js';
import { ExitCode, usageError } from '../exit-codes.js';
import { followEndpoint } from '../listen/follow-endpoint.js';
import { loadOrCreateListenSecret } from '../listen/listen-secrets.js';
import { createTemporaryEndpoint, removeStaleEndpoints } from '../listen/temporary-endpoint.js';
import { attemptJson, formatAttemptLine } from '../output/attempt-line.js';
import { connect } from '../remote/connect.js';
import { resolveTenantId } from '../remote/resolve-tenant.js';

/** `taskhooks listen`: a temporary endpoint, its stable secret, one line per attempt until Ctrl-C. */
export async function runListen({
  values,
  output,
  env,
  signal,
}: CommandInput<typeof listenOptions>): Promise<number> {
  const forwardTo = requireOption('listen', 'forward-to', values['forward-to']);
  if (!/^https?:\/\/[^/]/.test(forwardTo)) {
    throw usageError(`--forward-to: expected an absolute http(s) URL, got "${forwardTo}"`);
  }
  const events = (values.events ?? [])
    .flatMap((entry) => entry.split(','))
    .map((e) => e.trim())
    .filter(Boolean);
  const model = values.model ? resolveModelOption(values.model) : modelForFilter(events);
  // Not tied to `signal`: after Ctrl-C, listen still calls the API to remove its endpoint.
  const { client, target } = connect(values, env);
  const tenantId = await resolveTenantId(client, target);
  const { secret, file } = loadOrCreateListenSecret(env, { apiUrl: target.url, tenantId, forwardTo });
  if (values['print-secret']) {
    output.say(secret);
    output.emit({ secret, forwardTo, tenantId });
    return 0;
  }

  const stale = await removeStaleEndpoints(client, tenantId, forwardTo);
  if (stale > 0)
    output.note(`removed ${stale} endpoint(s) left behind by an earlier listen that did not exit`);
  const endpoint = await createTemporaryEndpoint(client, { tenantId, forwardTo, model, events, secret });
  const { style } = output;
  output.say(
    `${style.green('Ready!')} Forwarding ${style.bold(endpoint.events.length ? endpoint.events.join(', ') : 'every event')} of ${endpoint.model} for tenant ${tenantId} to ${style.bold(forwardTo)}`,
  );
  output.say(
    `Your webhook signing secret is ${style.bold(secret)} ${style.dim(`(stable for this target; kept in ${file})`)}`,
  );
  output.say(style.dim(`Temporary endpoint ${endpoint.id} on ${target.url} — Ctrl-C to stop and remove it`));
  output.emit({
    type: 'ready',
    endpointId: endpoint.id,
    tenantId,
    forwardTo,
    model: endpoint.model,
    events: endpoint.events,
    secret,
  });

  let removed = false;
  try {
    await followEndpoint({
      client,
      endpointId: endpoint.id,
      signal,
      onAttempt: (seen) => {
        output.say(formatAttemptLine(style, seen));
        output.emit(attemptJson(seen));
      },
      onConnectionLost: (lost) =>
        output.note(lost ? `lost the sender at ${target.url}; retrying…` : `reconnected to ${target.url}`),
    });
  } finally {
    removed = await client.endpoints.delete({ endpointId: endpoint.id }).then(
      () => {
        output.say(style.dim(`Removed temporary endpoint ${endpoint.id}`));
        output.emit({ type: 'stopped', endpointId: endpoint.id, removed: true });
        return true;
      },
      (error: unknown) => {
        output.note(`could not remove endpoint ${endpoint.id} (delete it with the API): ${String(error)}`);
        output.emit({ type: 'stopped', endpointId: endpoint.id, removed: false });
        return false;
      },
    );
  }
  // A temporary endpoint left behind keeps receiving events: that is a failure worth an exit code.
  return removed ? ExitCode.ok : ExitCode.failure;
}
