import { createSenderApp, type SenderApp, type SenderAppOptions } from '../../app.js';
import { ConfigError, loadConfig, type SenderConfig } from '../../config/env.js';
import { CliError, ExitCode } from '../exit-codes.js';

/** The sender's environment configuration; a bad variable is a usage error naming it. */
export function loadConfigForCli(env: Record<string, string | undefined>): SenderConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    throw asUsageError(error);
  }
}

/**
 * Some variables can only be checked against the store or the network at start (the env endpoint's
 * tenant, a URL the destination policy refuses): the same usage error as a malformed one.
 */
export async function createAppForCli(options: SenderAppOptions): Promise<SenderApp> {
  try {
    return await createSenderApp(options);
  } catch (error) {
    throw asUsageError(error);
  }
}

function asUsageError(error: unknown): unknown {
  return error instanceof ConfigError ? new CliError(error.message, ExitCode.usage) : error;
}
