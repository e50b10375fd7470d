import { hostname } from 'node:os';
import { SenderApiError, type SenderClient } from '@taskhooks/sender-client';
import { CliError, ExitCode } from '../exit-codes.js';

const DESCRIPTION_PREFIX = 'taskhooks listen';

export interface TemporaryEndpointInput {
  tenantId: string;
  forwardTo: string;
  model: string;
  events: string[];
  secret: string;
}

/**
 * Registers the development endpoint `listen` forwards to. Its description records the process
 * (pid on host), so the next `listen` can remove one a killed session left behind.
 */
export async function createTemporaryEndpoint(
  client: SenderClient,
  input: TemporaryEndpointInput,
): Promise<{ id: string; model: string; events: string[] }> {
  try {
    const { endpoint } = await client.endpoints.create({
      tenantId: input.tenantId,
      url: input.forwardTo,
      model: input.model,
      events: input.events,
      description: `${DESCRIPTION_PREFIX} (temporary; pid ${process.pid} on ${hostname()})`,
      secret: input.secret,
      method: 'POST',
      scheme: { scheme: 'standard-webhooks' },
      headers: {},
      enabled: true,
      // A developer wants a failure shown now, and a couple of quick retries, not hours of backoff.
      retry: {
        custom: {
          maxAttempts: 3,
          delaysMs: [1000, 5000],
          jitter: 0,
          retryOn: devRetryOn,
          maxRetryAfterMs: 5000,
        },
      },
      timeoutMs: 10_000,
    });
    return { id: endpoint.id, model: endpoint.model, events: endpoint.events };
  } catch (error) {
    throw explainRefusedUrl(error, input.forwardTo);
  }
}

const devRetryOn = { network: true, timeout: true, status429: true, status5xx: true, status4xx: false };

/** A URL refused by the destination policy is almost always a sender in production mode. */
function explainRefusedUrl(error: unknown, forwardTo: string): unknown {
  if (!(error instanceof SenderApiError)) return error;
  const urlIssue = error.issues.find((issue) => issue.path === 'url');
  if (!urlIssue) return error;
  return new CliError(
    `the sender refused to deliver to ${forwardTo}: ${urlIssue.message}.\n` +
      '  Local and private addresses are only allowed when the sender runs with TASKHOOKS_MODE=development ' +
      '(the default), or when TASKHOOKS_DESTINATION_ALLOWLIST lists the host.',
    ExitCode.invalid,
    [{ path: 'url', message: urlIssue.message }],
  );
}

/**
 * Deletes listen endpoints for the same URL whose process on this host is gone (a `kill -9`ed
 * listen cannot clean up after itself). Returns how many were removed.
 */
export async function removeStaleEndpoints(
  client: SenderClient,
  tenantId: string,
  forwardTo: string,
): Promise<number> {
  const { items } = await client.endpoints.list({ tenantId });
  const here = hostname();
  let removed = 0;
  for (const endpoint of items) {
    if (endpoint.url !== forwardTo || !endpoint.description.startsWith(DESCRIPTION_PREFIX)) continue;
    const owner = /pid (\d+) on (.+)\)$/.exec(endpoint.description);
    if (!owner || owner[2] !== here || isAlive(Number(owner[1]))) continue;
    await client.endpoints.delete({ endpointId: endpoint.id }).catch(() => {});
    removed++;
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
