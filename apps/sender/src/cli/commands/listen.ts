import { defineCommand, type OptionSpecs } from '../args/command-spec.js';
import { globalOptions, remoteOptions } from '../args/common-options.js';
export const listenOptions = {
  'forward-to': {
    type: 'string',
    valueName: '<url>',
    description: 'Where to deliver, e.g. http://localhost:3000/webhooks.',
  },
  events: {
    type: 'string',
    multiple: true,
    valueName: '<filter>',
    description:
      'Events to receive: names or prefix.* wildcards, comma-separated or repeated (default: all).',
  },
  model: {
    type: 'string',
    valueName: '<model>',
    description: 'Payload model (default: the one whose events match --events, else plan_bound_v2).',
  },
  'print-secret': {
    type: 'boolean',
    description: 'Print the signing secret and exit (nothing is registered).',
  },
  ...remoteOptions,
  ...globalOptions,
} as const satisfies OptionSpecs;

export const listenCommand = defineCommand({
  name: 'listen',
  summary: 'Forward events to a local URL through a temporary endpoint, one line per delivery',
  usage: 'taskhooks listen --forward-to <url> [--events <filter>] [--model <model>] [options]',
  description: `Registers a temporary development endpoint on the sender that delivers to --forward-to,
prints its signing secret, then one line per delivery attempt. Ctrl-C deletes the endpoint.
The secret is the same every time for the same sender, tenant and forward target (kept in
~/.config/taskhooks/listen-secrets.json, mode 0600), so a receiver configured with it keeps working.
A local --forward-to needs the sender in TASKHOOKS_MODE=development (the default).`,
  options: listenOptions,
  examples: [
    'taskhooks listen --forward-to http://localhost:3000/webhooks',
    'taskhooks listen --forward-to http://localhost:3000/webhooks --events plan.*,submission.approved',
    'taskhooks listen --forward-to http://localhost:3000/webhooks --print-secret   # for your .env',
    'taskhooks listen --forward-to http://localhost:3000/webhooks --json | jq .status',
  ],
  run: async (input): Promise<number> => (await import('../listen/run-listen.js')).runListen(input),
});
