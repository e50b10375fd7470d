import { createSenderApp } from '../app.js';
import { ConfigError, loadConfig } from '../config/env.js';

const USAGE = `taskhooks — contract-first webhooks

Usage:
  taskhooks serve    API + delivery worker in one process (SQLite in TASKHOOKS_DATA_DIR by default)
  taskhooks worker   delivery worker only, for scale-out against PostgreSQL (DATABASE_URL)
  taskhooks help     this text

Configuration is read from environment variables (see apps/sender/README.md).`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'help';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'serve' && command !== 'worker') {
    console.error(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (command === 'worker' && !config.DATABASE_URL) {
    console.error(
      'taskhooks worker needs DATABASE_URL (postgres://…): a SQLite file belongs to the one `taskhooks serve` process that opened it.',
    );
    return 2;
  }
  const app = await createSenderApp({ config, api: command === 'serve', worker: true });
  await app.start();
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      app.logger.info({ signal }, 'shutting down: no new claims, finishing in-flight deliveries');
      resolve();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  await app.stop();
  app.logger.info('stopped');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
