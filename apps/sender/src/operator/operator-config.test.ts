import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('operator webhook variables', () => {
  it('accepts a URL with a Standard Webhooks secret, and neither', () => {
    expect(
      loadConfig({
        TASKHOOKS_OPERATOR_WEBHOOK_URL: 'https://ops.example.com/hooks',
        TASKHOOKS_OPERATOR_WEBHOOK_SECRET: secret,
      }).TASKHOOKS_OPERATOR_WEBHOOK_URL,
    ).toBe('https://ops.example.com/hooks');
    expect(loadConfig({}).TASKHOOKS_OPERATOR_WEBHOOK_URL).toBeUndefined();
  });

  it.each([
    [
      { TASKHOOKS_OPERATOR_WEBHOOK_URL: 'https://ops.example.com/hooks' },
      /TASKHOOKS_OPERATOR_WEBHOOK_SECRET: required with TASKHOOKS_OPERATOR_WEBHOOK_URL .*openssl rand/,
    ],
    [
      {
        TASKHOOKS_OPERATOR_WEBHOOK_URL: 'https://ops.example.com/hooks',
        TASKHOOKS_OPERATOR_WEBHOOK_SECRET: 'hunter2',
      },
      /TASKHOOKS_OPERATOR_WEBHOOK_SECRET: a standard-webhooks secret starts with "whsec_"/,
    ],
    [
      { TASKHOOKS_OPERATOR_WEBHOOK_SECRET: secret },
      /TASKHOOKS_OPERATOR_WEBHOOK_SECRET: set without TASKHOOKS_OPERATOR_WEBHOOK_URL/,
    ],
    [
      { TASKHOOKS_OPERATOR_WEBHOOK_URL: 'ops.example.com', TASKHOOKS_OPERATOR_WEBHOOK_SECRET: secret },
      /TASKHOOKS_OPERATOR_WEBHOOK_URL: expected an absolute http\(s\) URL/,
    ],
    [
      {
        TASKHOOKS_OPERATOR_WEBHOOK_URL: 'https://ops.example.com/hooks',
        TASKHOOKS_OPERATOR_WEBHOOK_SECRET: secret,
        WEBHOOK_TENANT: 'taskhooks-operator',
      },
      /WEBHOOK_TENANT: "taskhooks-operator" is the operator webhook's own tenant/,
    ],
    // Also without the operator webhook: it may be configured later, into that tenant.
    [
      { WEBHOOK_TENANT: 'taskhooks-operator' },
      /WEBHOOK_TENANT: "taskhooks-operator" is the operator webhook's own tenant/,
    ],
  ])('refuses %o at start-up, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never quotes the secret in its error', () => {
    const wrong = 'not-a-whsec-secret-value';
    expect(() =>
      loadConfig({
        TASKHOOKS_OPERATOR_WEBHOOK_URL: 'https://ops.example.com/h',
        TASKHOOKS_OPERATOR_WEBHOOK_SECRET: wrong,
      }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(wrong) }));
  });
});
