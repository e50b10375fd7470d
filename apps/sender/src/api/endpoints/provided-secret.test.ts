import { generateSecret } from '@taskhooks/signatures';
import { describe, expect, it } from 'vitest';
import { SenderError } from '../../errors/sender-errors.js';
import { checkProvidedSecret } from './provided-secret.js';

const refusal = (secret: string, scheme: Parameters<typeof checkProvidedSecret>[1]) => {
  try {
    checkProvidedSecret(secret, scheme);
  } catch (error) {
    expect(error).toBeInstanceOf(SenderError);
    const { message, issues } = error as SenderError;
    expect(message).not.toContain(secret);
    return { message, issues };
  }
  throw new Error('expected a refusal');
};

describe('checkProvidedSecret (endpoints.create `secret`)', () => {
  it('accepts a generated secret of each signing scheme', () => {
    const standard = generateSecret('standard-webhooks');
    expect(checkProvidedSecret(standard, { scheme: 'standard-webhooks' })).toBe(standard);
    const token = generateSecret('hmac-sha256-hex');
    expect(checkProvidedSecret(token, { scheme: 'hmac-sha256-hex' })).toBe(token);
  });

  it('refuses a standard-webhooks secret without whsec_, with a key outside 24–64 bytes, or for header-auth', () => {
    const short = `whsec_${Buffer.alloc(16, 7).toString('base64')}`;
    const long = `whsec_${Buffer.alloc(65, 7).toString('base64')}`;
    expect(refusal(generateSecret('token-hash'), { scheme: 'standard-webhooks' }).message).toContain(
      'whsec_',
    );
    expect(refusal(short, { scheme: 'standard-webhooks' }).message).toContain('24–64 bytes, got 16');
    expect(refusal(long, { scheme: 'standard-webhooks' }).message).toContain('got 65');
    expect(refusal(generateSecret(), { scheme: 'header-auth' }).issues).toEqual([
      { path: 'secret', code: 'invalid_secret', message: expect.stringContaining('header-auth') },
    ]);
  });
});
