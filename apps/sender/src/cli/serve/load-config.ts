import { ConfigError, loadConfig, type SenderConfig } from '../../config/env.js';
import { CliError, ExitCode } from '../exit-codes.js';

/** The sender's environment configuration; a bad variable is a usage error naming it. */
export function loadConfigForCli(env: Record<string, string | undefined>): SenderConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
}
