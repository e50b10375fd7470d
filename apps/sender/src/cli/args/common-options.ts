import type { OptionSpecs } from './command-spec.js';

/** Accepted by every command. */
export const globalOptions = {
  json: {
    type: 'boolean',
    description: 'Machine-readable output: JSON on stdout (one object per line when streaming).',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
} as const satisfies OptionSpecs;

/** Commands that talk to a running sender over its API. */
export const remoteOptions = {
  'api-url': {
    type: 'string',
    valueName: '<url>',
    description: 'Sender API (default: TASKHOOKS_API_URL, else http://127.0.0.1:$PORT or :8787).',
  },
  'api-key': {
    type: 'string',
    valueName: '<key>',
    description:
      'API key (default: TASKHOOKS_API_KEY, else for a local sender TASKHOOKS_ADMIN_KEY or <data dir>/admin.key).',
  },
  tenant: {
    type: 'string',
    valueName: '<id>',
    description: 'Tenant to act on (default: TASKHOOKS_TENANT, else "default"; ignored with a tenant key).',
  },
} as const satisfies OptionSpecs;

/** Commands that wait for delivery attempts after acting. */
export const waitOptions = {
  'no-wait': { type: 'boolean', description: 'Do not wait for the attempts to show their result.' },
  'wait-timeout': {
    type: 'string',
    valueName: '<duration>',
    description: 'How long to wait for attempts (default 10s; e.g. 30s, 2m).',
  },
} as const satisfies OptionSpecs;
