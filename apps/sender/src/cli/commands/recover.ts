import { defineCommand, type OptionSpecs } from '../args/command-spec.js';
import { globalOptions, remoteOptions, waitOptions } from '../args/common-options.js';
export const recoverOptions = {
  endpoint: {
    type: 'string',
    valueName: '<id>',
    description: 'The endpoint whose failed deliveries to re-send.',
  },
  since: {
    type: 'string',
    valueName: '<when>',
    description: 'A duration ago (2h, 1d) or an ISO date-time.',
  },
  ...waitOptions,
  ...remoteOptions,
  ...globalOptions,
} as const satisfies OptionSpecs;

export const recoverCommand = defineCommand({
  name: 'recover',
  summary: "Re-send an endpoint's failed deliveries since a time, with progress",
  usage: 'taskhooks recover --endpoint <id> --since <when> [options]',
  description: `Queues every delivery of the endpoint that failed for good since --since again (e.g. after
the receiver was down), then shows progress until they have been attempted (unless --no-wait).`,
  options: recoverOptions,
  examples: [
    'taskhooks recover --endpoint 0193a2b4-… --since 2h',
    'taskhooks recover --endpoint 0193a2b4-… --since 2026-05-01T08:00:00Z --wait-timeout 5m',
  ],
  run: async (input): Promise<number> => (await import('../deliveries/run-recover.js')).runRecover(input),
});
