import { defineCommand, type OptionSpecs } from '../args/command-spec.js';
import { globalOptions } from '../args/common-options.js';
export const serveOptions = { ...globalOptions } as const satisfies OptionSpecs;

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'Run the API, the delivery worker, the portal and the docs in one process',
  usage: 'taskhooks serve [--json]',
  description: `Zero configuration: SQLite in TASKHOOKS_DATA_DIR (default ./.taskhooks), port PORT (default 8787),
an admin key generated into the data directory and shown on the first start only. Every setting is an
environment variable (see apps/sender/README.md); DATABASE_URL switches to PostgreSQL.
Logs are JSON lines on stdout; Ctrl-C (SIGINT) or SIGTERM stops gracefully.`,
  options: serveOptions,
  examples: [
    'taskhooks serve',
    'PORT=9000 TASKHOOKS_DATA_DIR=./data taskhooks serve',
    'TASKHOOKS_LOG_LEVEL=warn taskhooks serve --json   # one JSON "ready" line with every URL',
  ],
  run: async (input): Promise<number> => (await import('../serve/run-serve.js')).runServe(input),
});
