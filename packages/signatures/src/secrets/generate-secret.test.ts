import { describe, expect, it } from 'vitest';
import { backends } from '../../test/backends.js';
import { decodeStandardWebhookSecret } from '../schemes/standard-webhooks.js';
import { generateSecret } from './generate-secret.js';

describe('generateSecret', () => {
  it('returns whsec_ + base64 of 32 random bytes by default', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(decodeStandardWebhookSecret(secret)).toHaveLength(32);
    expect(generateSecret('standard-webhooks')).not.toBe(secret);
  });

  it.each(['hmac-sha256-hex', 'token-hash', 'header-auth'] as const)(
    'returns a URL-safe token for %s',
    (scheme) => {
      expect(generateSecret(scheme)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    },
  );

  it.each(backends)('generated secrets sign and verify (%s)', async (_name, api) => {
    const secret = generateSecret();
    const headers = await api.signStandardWebhook({
      id: 'm',
      timestamp: 1_700_000_000,
      body: 'x',
      secrets: [secret],
    });
    await expect(
      api.verifyStandardWebhook({ headers, body: 'x', secrets: [secret], now: () => 1_700_000_000_000 }),
    ).resolves.toMatchObject({ id: 'm' });
  });
});
