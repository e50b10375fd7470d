import { describe, expect, it } from 'vitest';
import { backends, expectSignatureError } from '../../test/backends.js';
import type { SchemeConfig } from '../types.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const TS = 1_700_000_000;
const BODY = JSON.stringify({ event: 'plan.completed', model: 'plan_bound_v2', score: 100 });
const now = () => TS * 1000;

const schemes: Array<{ scheme: SchemeConfig; secrets: string[] }> = [
  { scheme: { scheme: 'standard-webhooks' }, secrets: [SECRET] },
  { scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'X-OpenTask-Signature' }, secrets: ['opentask'] },
  { scheme: { scheme: 'token-hash' }, secrets: ['token-1'] },
  { scheme: { scheme: 'header-auth', headers: { Authorization: 'Bearer abc' } }, secrets: [] },
];

describe.each(backends)('signRequest / verifyRequest (%s)', (_name, api) => {
  const sign = (scheme: SchemeConfig, secrets: string[], body: string | Uint8Array = BODY) =>
    api.signRequest({ scheme, id: 'msg_42', timestamp: TS, event: 'plan.completed', body, secrets });

  it.each(schemes)('round-trips $scheme.scheme', async ({ scheme, secrets }) => {
    const headers = await sign(scheme, secrets);
    for (const name of Object.keys(headers)) expect(name).toBe(name.toLowerCase());
    const verified = await api.verifyRequest({ scheme, headers, body: BODY, secrets, now });
    expect(verified.scheme).toBe(scheme.scheme);
    if (scheme.scheme === 'standard-webhooks')
      expect(verified).toMatchObject({ id: 'msg_42', timestamp: TS });
    if (scheme.scheme === 'hmac-sha256-hex' || scheme.scheme === 'token-hash') {
      expect(verified.event).toBe('plan.completed');
    }
  });

  describe('header lookups are case-insensitive', () => {
    it.each(schemes)(
      '$scheme.scheme with Web Headers built from upper-cased names',
      async ({ scheme, secrets }) => {
        const signed = await sign(scheme, secrets);
        const headers = new Headers(
          Object.entries(signed).map(([name, value]): [string, string] => [name.toUpperCase(), value]),
        );
        await expect(api.verifyRequest({ scheme, headers, body: BODY, secrets, now })).resolves.toMatchObject(
          {
            scheme: scheme.scheme,
          },
        );
      },
    );

    it.each(schemes)('$scheme.scheme with a mixed-case plain object', async ({ scheme, secrets }) => {
      const signed = await sign(scheme, secrets);
      const headers = Object.fromEntries(
        Object.entries(signed).map(([name, value]) => [
          name.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase()),
          value,
        ]),
      );
      expect(Object.keys(headers).some((name) => name !== name.toLowerCase())).toBe(true);
      await expect(api.verifyRequest({ scheme, headers, body: BODY, secrets, now })).resolves.toBeDefined();
    });

    it('Node-style array values (repeated headers) are joined like HTTP does', async () => {
      const scheme: SchemeConfig = { scheme: 'standard-webhooks' };
      const oldSigned = await sign(scheme, ['whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=']);
      const newSigned = await sign(scheme, [SECRET]);
      const headers = {
        ...newSigned,
        'webhook-signature': [oldSigned['webhook-signature']!, newSigned['webhook-signature']!],
      };
      await expect(
        api.verifyRequest({ scheme, headers, body: BODY, secrets: [SECRET], now }),
      ).resolves.toMatchObject({
        id: 'msg_42',
      });
      const tokenScheme: SchemeConfig = { scheme: 'token-hash' };
      const tokenHeaders = await sign(tokenScheme, ['token-1']);
      const arrays = { 'x-webhook-token-hash': ['0'.repeat(64), tokenHeaders['x-webhook-token-hash']!] };
      await expect(
        api.verifyRequest({ scheme: tokenScheme, headers: arrays, body: BODY, secrets: ['token-1'] }),
      ).resolves.toMatchObject({ scheme: 'token-hash' });
    });
  });

  describe('raw body', () => {
    it.each(schemes)(
      '$scheme.scheme rejects a parsed object body with body_not_raw',
      async ({ scheme, secrets }) => {
        const headers = await sign(scheme, secrets);
        const parsed = JSON.parse(BODY) as unknown as string;
        const error = await expectSignatureError(() =>
          api.verifyRequest({ scheme, headers, body: parsed, secrets, now }),
        );
        expect(error.code).toBe('body_not_raw');
        expect(error.message).toContain('the body was parsed before verification: pass the raw body');
        expect(error.message).toContain('got an object');
      },
    );

    it('names ArrayBuffer and suggests wrapping it', async () => {
      const body = new ArrayBuffer(4) as unknown as Uint8Array;
      const error = await expectSignatureError(() => sign({ scheme: 'standard-webhooks' }, [SECRET], body));
      expect(error.code).toBe('body_not_raw');
      expect(error.message).toContain('new Uint8Array(buffer)');
    });

    it('explains "[object Object]" bodies as parsed-before-verification', async () => {
      const scheme: SchemeConfig = { scheme: 'standard-webhooks' };
      const headers = await sign(scheme, [SECRET]);
      const error = await expectSignatureError(() =>
        api.verifyRequest({ scheme, headers, body: '[object Object]', secrets: [SECRET], now }),
      );
      expect(error.code).toBe('bad_signature');
      expect(error.message).toContain('the body was parsed before verification: pass the raw body');
    });

    it('hints at re-serialization when a pretty-printed body was compacted by JSON.stringify', async () => {
      const scheme: SchemeConfig = { scheme: 'hmac-sha256-hex' };
      const original = JSON.stringify(JSON.parse(BODY), null, 2);
      const headers = await sign(scheme, ['opentask'], original);
      const reserialized = JSON.stringify(JSON.parse(original));
      const error = await expectSignatureError(() =>
        api.verifyRequest({ scheme, headers, body: reserialized, secrets: ['opentask'] }),
      );
      expect(error.code).toBe('bad_signature');
      expect(error.message).toContain('the body was parsed before verification: pass the raw body');
      const unrelated = await expectSignatureError(() =>
        api.verifyRequest({ scheme, headers, body: 'plain text', secrets: ['opentask'] }),
      );
      expect(unrelated.message).not.toContain('parsed');
      // A large compact body is not parsed to find out: anyone can send one with a made-up signature.
      const large = JSON.stringify({ items: Array.from({ length: 2_000 }, (_, i) => ({ i })) });
      expect(large.length).toBeGreaterThan(16 * 1024);
      const unparsed = await expectSignatureError(() =>
        api.verifyRequest({ scheme, headers, body: large, secrets: ['opentask'] }),
      );
      expect(unparsed.code).toBe('bad_signature');
      expect(unparsed.message).not.toContain('parsed');
    });
  });

  it('rejects an unknown scheme and missing header bags clearly', async () => {
    const bogus = { scheme: 'rsa' } as unknown as SchemeConfig;
    await expect(
      api.verifyRequest({ scheme: bogus, headers: {}, body: BODY, secrets: [SECRET] }),
    ).rejects.toThrow(/scheme one of standard-webhooks, hmac-sha256-hex, token-hash, header-auth; got "rsa"/);
    const error = await expectSignatureError(() =>
      api.verifyRequest({
        scheme: { scheme: 'standard-webhooks' },
        headers: undefined as unknown as Headers,
        body: BODY,
        secrets: [SECRET],
      }),
    );
    expect(error.code).toBe('missing_headers');
  });

  it('reports no_secret and invalid_secret without leaking secrets', async () => {
    const scheme: SchemeConfig = { scheme: 'hmac-sha256-hex' };
    const headers = await sign(scheme, ['opentask']);
    const none = await expectSignatureError(() =>
      api.verifyRequest({ scheme, headers, body: BODY, secrets: [] }),
    );
    expect(none.code).toBe('no_secret');
    const notArray = await expectSignatureError(() =>
      api.verifyRequest({ scheme, headers, body: BODY, secrets: 'opentask' as unknown as string[] }),
    );
    expect(notArray.code).toBe('invalid_secret');
    expect(notArray.message).not.toContain('opentask');
    const empty = await expectSignatureError(() =>
      api.verifyRequest({ scheme, headers, body: BODY, secrets: [''] }),
    );
    expect(empty.code).toBe('invalid_secret');
  });
});
