import { defineCommand, type OptionSpecs } from '../args/command-spec.js';
import { globalOptions, remoteOptions, waitOptions } from '../args/common-options.js';
export const triggerOptions = {
  model: {
    type: 'string',
    valueName: '<model>',
    description: 'Payload model or family, e.g. plan_bound_v2 (default: the model defining <event>).',
  },
  payload: {
    type: 'string',
    valueName: '<file>',
    description: 'Publish this JSON payload instead of the example.',
  },
  count: {
    type: 'string',
    valueName: '<n>',
    description: 'Publish the event n times (1–10000), with a progress bar; each copy gets a fresh event id.',
  },
  ...waitOptions,
  ...remoteOptions,
  ...globalOptions,
} as const satisfies OptionSpecs;

export const triggerCommand = defineCommand({
  name: 'trigger',
  summary: "Publish an event (the contract's example or a JSON file) and show where it went",
  usage: 'taskhooks trigger <event> [--model <model>] [--payload <file>] [--count <n>] [options]',
  description: `Publishes <event> with the contract's example payload, or the JSON file given with --payload
(validated locally first: each failing field is listed and the exit code is 5). Shows the message id
and every endpoint it fanned out to, then waits briefly for the first attempts (unless --no-wait).`,
  options: triggerOptions,
  positionals: [{ name: 'event', required: true, description: 'Event name, e.g. plan.completed.' }],
  examples: [
    'taskhooks trigger plan.completed',
    'taskhooks trigger plan.completed --model plan_bound_v2 --tenant household-1',
    'taskhooks trigger submission.approved --payload ./approved.json',
    'taskhooks trigger plan.started --count 500   # load a local receiver',
    'taskhooks trigger plan.completed --json --no-wait | jq -r .messageId',
  ],
  run: async (input): Promise<number> => (await import('../trigger/run-trigger.js')).runTrigger(input),
});
