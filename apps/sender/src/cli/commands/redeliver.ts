import { defineCommand, type OptionSpecs } from '../args/command-spec.js';
import { globalOptions, remoteOptions, waitOptions } from '../args/common-options.js';
export const redeliverOptions = {
  ...waitOptions,
  ...remoteOptions,
  ...globalOptions,
} as const satisfies OptionSpecs;

export const redeliverCommand = defineCommand({
  name: 'redeliver',
  summary: 'Send one delivery again (same message, same signature scheme, a new attempt)',
  usage: 'taskhooks redeliver <delivery-id> [options]',
  options: redeliverOptions,
  positionals: [{ name: 'delivery-id', required: true, description: 'The delivery to send again.' }],
  examples: [
    'taskhooks redeliver 0193a2b4-…',
    "taskhooks deliveries --failed --json | jq -r '.items[].id' | xargs -n1 taskhooks redeliver --no-wait",
  ],
  run: async (input): Promise<number> => (await import('../deliveries/run-redeliver.js')).runRedeliver(input),
});
