import { SenderApiError, SenderConnectionError } from '@taskhooks/sender-client';
import { CliError, ExitCode } from '../exit-codes.js';
import type { ApiTarget } from './api-target.js';

/** Turns what the client threw into one explained CLI error with the right exit code. */
export function toCliError(error: unknown, target: ApiTarget | undefined): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof SenderConnectionError) {
    return new CliError(
      `could not reach the sender${target ? ` at ${target.url}` : ''}: is \`taskhooks serve\` running there? (set --api-url or TASKHOOKS_API_URL)\n  ${error.message}`,
      ExitCode.failure,
    );
  }
  if (error instanceof SenderApiError) {
    const issues = error.issues.map(({ path, message }) => ({ path, message }));
    if (error.status === 401) {
      return new CliError(
        `the sender refused the API key${target ? ` from ${target.keySource}` : ''} (401)`,
        ExitCode.auth,
      );
    }
    if (error.status === 403) return new CliError(error.message, ExitCode.auth, issues);
    if (error.status === 404) return new CliError(error.message, ExitCode.notFound, issues);
    if (error.status === 400 || error.status === 409 || error.status === 413 || error.status === 422) {
      return new CliError(error.message, ExitCode.invalid, issues);
    }
    return new CliError(error.message, ExitCode.failure, issues);
  }
  return new CliError(error instanceof Error ? error.message : String(error), ExitCode.failure);
}
