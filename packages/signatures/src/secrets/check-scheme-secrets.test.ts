import { describe, expect, it } from 'vitest';
import { checkSchemeSecrets } from './check-scheme-secrets.js';
import { generateSecret } from './generate-secret.js';

describe('checkSchemeSecrets', () => {
  it('accepts secrets that signing will accept', () => {
    expect(() =>
      checkSchemeSecrets({ scheme: 'standard-webhooks' }, [generateSecret(), generateSecret()]),
    ).not.toThrow();
    expect(() =>
      checkSchemeSecrets({ scheme: 'header-auth', headers: { Authorization: 'Bearer t' } }, []),
    ).not.toThrow();
    expect(() => checkSchemeSecrets({ scheme: 'hmac-sha256-hex' }, ['any token'])).not.toThrow();
  });

  it('names the bad Standard Webhooks secret by index, never by value', () => {
    const good = generateSecret();
    const cases = [`${good}\n`, 'whsec_not base64!'];
    for (const bad of cases) {
      let thrown: unknown;
      try {
        checkSchemeSecrets({ scheme: 'standard-webhooks' }, [good, bad]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({
        code: 'invalid_secret',
        message: expect.stringMatching(/^secrets\[1\] /),
      });
      expect((thrown as Error).message).not.toContain(good.slice(6, 20));
    }
    expect(() => checkSchemeSecrets({ scheme: 'standard-webhooks' }, [`${good}\n`])).toThrow(
      /trailing newline/,
    );
  });

  it('refuses header-auth without a usable header, naming the header', () => {
    expect(() => checkSchemeSecrets({ scheme: 'header-auth', headers: {} }, [])).toThrow(
      expect.objectContaining({ code: 'no_secret' }),
    );
    expect(() => checkSchemeSecrets({ scheme: 'header-auth', headers: { 'X-Key': ' ' } }, [])).toThrow(
      /scheme\.headers\["X-Key"\] must be a non-empty string/,
    );
  });

  it('refuses a scheme it does not know and header names HTTP cannot carry, naming the option', () => {
    expect(() => checkSchemeSecrets({ scheme: 'standard_webhooks' } as never, ['x'])).toThrow(
      /scheme must be an object like \{ scheme: 'standard-webhooks' \}.*got "standard_webhooks"/,
    );
    expect(() =>
      checkSchemeSecrets({ scheme: 'hmac-sha256-hex', signatureHeader: 'X Bad Header' }, ['token']),
    ).toThrow(/^signatureHeader must be an HTTP header name/);
    expect(() =>
      checkSchemeSecrets({ scheme: 'token-hash', tokenHashHeader: 'x-webhook-token-hash\n' }, ['token']),
    ).toThrow(/^tokenHashHeader must be an HTTP header name/);
    expect(() =>
      checkSchemeSecrets({ scheme: 'token-hash', eventHeader: 'X-Event' }, ['token']),
    ).not.toThrow();
  });

  it('takes HMAC and token secrets exactly as given, surrounding whitespace included', () => {
    // Both sides may read the same secret file, trailing newline and all: signing works with it.
    for (const scheme of ['hmac-sha256-hex', 'token-hash'] as const) {
      expect(() => checkSchemeSecrets({ scheme }, ['token\n', ' spaced '])).not.toThrow();
    }
  });
});
