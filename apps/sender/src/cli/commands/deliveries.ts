import { defineCommand, type OptionSpecs } from '../args/command-spec.js';
import { globalOptions, remoteOptions } from '../args/common-options.js';
export const deliveriesOptions = {
  endpoint: {
    type: 'string',
    valueName: '<id>',
    description: 'Only this endpoint (default: every endpoint of the tenant).',
  },
  failed: {
    type: 'boolean',
    description: 'Only deliveries that failed for good (same as --status failed).',
  },
  status: {
    type: 'string',
    valueName: '<state>',
    description: 'Only this state: pending, in_flight, succeeded, failed, skipped.',
  },
  event: { type: 'string', valueName: '<event>', description: 'Only this event name.' },
  since: {
    type: 'string',
    valueName: '<when>',
    description: 'Created since: a duration ago (2h, 7d) or an ISO date-time.',
  },
  limit: {
    type: 'string',
    valueName: '<n>',
    description: 'How many to show (default 20, at most 500).',
  },
  ...remoteOptions,
  ...globalOptions,
} as const satisfies OptionSpecs;

export const deliveriesCommand = defineCommand({
  name: 'deliveries',
  summary: 'List recent deliveries, newest first (all endpoints of the tenant, or one)',
  usage: 'taskhooks deliveries [--endpoint <id>] [--failed] [--limit <n>] [options]',
  options: deliveriesOptions,
  examples: [
    'taskhooks deliveries',
    'taskhooks deliveries --failed --since 2h',
    'taskhooks deliveries --endpoint 0193…-…  --limit 50',
    'taskhooks deliveries --json | jq -r \'.items[] | select(.status == "failed") | .id\'',
  ],
  run: async (input): Promise<number> =>
    (await import('../deliveries/run-deliveries.js')).runDeliveries(input),
});
