import type { CommandInput } from '../args/command-spec.js';
import type { workerOptions } from '../commands/worker.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { createAppForCli, loadConfigForCli } from '../serve/load-config.js';
import { runUntilSignal } from '../serve/run-until-signal.js';

/** `taskhooks worker`: a delivery worker against PostgreSQL until SIGINT/SIGTERM. */
export async function runWorker({ env, signal }: CommandInput<typeof workerOptions>): Promise<number> {
  const config = loadConfigForCli(env);
  if (!config.DATABASE_URL) {
    throw new CliError(
      'taskhooks worker needs DATABASE_URL (postgres://…): a SQLite file belongs to the one `taskhooks serve` process that opened it.',
      ExitCode.usage,
    );
  }
  const app = await createAppForCli({ config, api: false, worker: true });
  await runUntilSignal(app, signal, async () => {});
  return 0;
}
