import { defineCommand, type OptionSpecs } from '../args/command-spec.js';
import { globalOptions } from '../args/common-options.js';
export const workerOptions = { ...globalOptions } as const satisfies OptionSpecs;

export const workerCommand = defineCommand({
  name: 'worker',
  summary: 'Run a delivery worker only, for scale-out against PostgreSQL',
  usage: 'taskhooks worker',
  description: `Claims and delivers pending deliveries from DATABASE_URL (PostgreSQL) beside a \`taskhooks serve\`
(or other workers). A SQLite file belongs to the one serve process that opened it, so DATABASE_URL is
required. Every process on the database needs the same TASKHOOKS_ENCRYPTION_KEY as the serve process
(it opens the endpoints' secrets). TASKHOOKS_WORKER_PROBE_PORT serves /livez, /readyz and /metrics for
probes and scraping. Logs are JSON lines on stdout; SIGTERM stops gracefully.`,
  options: workerOptions,
  examples: [
    'DATABASE_URL=postgres://taskhooks@db:5432/taskhooks TASKHOOKS_ENCRYPTION_KEY=<same as serve> taskhooks worker',
    'DATABASE_URL=… TASKHOOKS_ENCRYPTION_KEY=… TASKHOOKS_WORKER_CONCURRENCY=128 taskhooks worker',
  ],
  run: async (input): Promise<number> => (await import('../serve/run-worker.js')).runWorker(input),
});
