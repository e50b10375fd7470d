import { describe, expect, it } from 'vitest';
import { backends, expectSignatureError } from '../../test/backends.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const TS = 1_700_000_000;
const BODY = '{"event":"task.completed","data":{"task":{"id":42}}}';
const at = (seconds: number) => () => seconds * 1000;

describe.each(backends)('Standard Webhooks (%s)', (_name, api) => {
  const sign = (secrets: string[], body: string | Uint8Array = BODY, timestamp = TS) =>
    api.signStandardWebhook({ id: 'msg_1', timestamp, body, secrets });

  it('round-trips and reports id and timestamp', async () => {
    const headers = await sign([SECRET]);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toBe(String(TS));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const verified = await api.verifyStandardWebhook({ headers, body: BODY, secrets: [SECRET], now: at(TS) });
    expect(verified).toEqual({ scheme: 'standard-webhooks', id: 'msg_1', timestamp: TS });
  });

  it('signs bytes and the equivalent UTF-8 string identically', async () => {
    const body = '{"name":"Misi 🦄 ünnep"}';
    const fromString = await sign([SECRET], body);
    const fromBytes = await sign([SECRET], new TextEncoder().encode(body));
    expect(fromBytes).toEqual(fromString);
  });

  it('hashes a string with lone surrogates as the bytes TextEncoder makes of it', async () => {
    const body = '{"name":"broken \ud800 pair \udc00"}';
    const fromString = await sign([SECRET], body);
    expect(await sign([SECRET], new TextEncoder().encode(body))).toEqual(fromString);
    await expect(
      api.verifyStandardWebhook({ headers: fromString, body, secrets: [SECRET], now: at(TS) }),
    ).resolves.toMatchObject({ id: 'msg_1' });
  });

  it('accepts a lone signature with a trailing comma, and nothing but the exact signature', async () => {
    const headers = await sign([SECRET]);
    const v1 = headers['webhook-signature']!;
    const verifyWith = (signature: string) =>
      api.verifyStandardWebhook({
        headers: { ...headers, 'webhook-signature': signature },
        body: BODY,
        secrets: [SECRET],
        now: at(TS),
      });
    await expect(verifyWith(`${v1},`)).resolves.toMatchObject({ id: 'msg_1' });
    for (const wrong of [`${v1}A`, v1.slice(0, -1), `${v1.slice(0, -1)}\u00e9`, v1.replace('v1,', 'v1,,')]) {
      expect((await expectSignatureError(() => verifyWith(wrong))).code).toBe('bad_signature');
    }
  });

  it('rejects a tampered body, id or timestamp', async () => {
    const headers = await sign([SECRET]);
    const tamperedBody = await expectSignatureError(() =>
      api.verifyStandardWebhook({ headers, body: BODY.replace('42', '43'), secrets: [SECRET], now: at(TS) }),
    );
    expect(tamperedBody.code).toBe('bad_signature');
    const tamperedId = await expectSignatureError(() =>
      api.verifyStandardWebhook({
        headers: { ...headers, 'webhook-id': 'msg_2' },
        body: BODY,
        secrets: [SECRET],
        now: at(TS),
      }),
    );
    expect(tamperedId.code).toBe('bad_signature');
    const shifted = { ...headers, 'webhook-timestamp': String(TS + 1) };
    const tamperedTs = await expectSignatureError(() =>
      api.verifyStandardWebhook({ headers: shifted, body: BODY, secrets: [SECRET], now: at(TS) }),
    );
    expect(tamperedTs.code).toBe('bad_signature');
  });

  it('rejects the wrong secret without saying how many are configured (the caller may be anyone)', async () => {
    const headers = await sign([SECRET]);
    const error = await expectSignatureError(() =>
      api.verifyStandardWebhook({ headers, body: BODY, secrets: [OTHER_SECRET], now: at(TS) }),
    );
    expect(error.code).toBe('bad_signature');
    expect(error.message).toContain('any configured secret');
    expect(error.message).not.toMatch(/\d configured/);
    expect(error.message).not.toContain(OTHER_SECRET.slice(6));
  });

  describe('secret rotation', () => {
    it('signs once per active secret and verifies with either old or new', async () => {
      const headers = await sign([OTHER_SECRET, SECRET]);
      expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
      for (const secret of [SECRET, OTHER_SECRET]) {
        await expect(
          api.verifyStandardWebhook({ headers, body: BODY, secrets: [secret], now: at(TS) }),
        ).resolves.toMatchObject({ id: 'msg_1' });
      }
    });

    it('verifies a receiver holding both secrets when the sender signs with only one', async () => {
      const headers = await sign([OTHER_SECRET]);
      await expect(
        api.verifyStandardWebhook({ headers, body: BODY, secrets: [SECRET, OTHER_SECRET], now: at(TS) }),
      ).resolves.toMatchObject({ timestamp: TS });
    });

    it('fails once the signing secret has been removed from the receiver', async () => {
      const headers = await sign([OTHER_SECRET]);
      const error = await expectSignatureError(() =>
        api.verifyStandardWebhook({ headers, body: BODY, secrets: [SECRET], now: at(TS) }),
      );
      expect(error.code).toBe('bad_signature');
    });
  });

  describe('timestamp tolerance', () => {
    it('accepts exactly the default 300 s in both directions and rejects one more', async () => {
      const headers = await sign([SECRET]);
      const verifyAt = (seconds: number) =>
        api.verifyStandardWebhook({ headers, body: BODY, secrets: [SECRET], now: at(seconds) });
      await expect(verifyAt(TS + 300)).resolves.toMatchObject({ id: 'msg_1' });
      await expect(verifyAt(TS - 300)).resolves.toMatchObject({ id: 'msg_1' });
      expect((await expectSignatureError(() => verifyAt(TS + 301))).code).toBe('timestamp_too_old');
      expect((await expectSignatureError(() => verifyAt(TS - 301))).code).toBe('timestamp_too_new');
    });

    it('honours a configured tolerance', async () => {
      const headers = await sign([SECRET]);
      const verifyAt = (seconds: number, toleranceSeconds: number) =>
        api.verifyStandardWebhook({
          headers,
          body: BODY,
          secrets: [SECRET],
          now: at(seconds),
          toleranceSeconds,
        });
      await expect(verifyAt(TS + 3600, 3600)).resolves.toMatchObject({ timestamp: TS });
      const old = await expectSignatureError(() => verifyAt(TS + 11, 10));
      expect(old.code).toBe('timestamp_too_old');
      expect(old.message).toContain('11s in the past (tolerance 10s)');
      expect((await expectSignatureError(() => verifyAt(TS - 11, 10))).code).toBe('timestamp_too_new');
    });

    it('rejects a stale timestamp even when the signature is valid for it (replay)', async () => {
      const headers = await sign([SECRET], BODY, TS - 3600);
      const error = await expectSignatureError(() =>
        api.verifyStandardWebhook({ headers, body: BODY, secrets: [SECRET], now: at(TS) }),
      );
      expect(error.code).toBe('timestamp_too_old');
    });

    it('rejects a negative or non-finite tolerance as a programming error', async () => {
      const headers = await sign([SECRET]);
      await expect(
        api.verifyStandardWebhook({ headers, body: BODY, secrets: [SECRET], toleranceSeconds: -1 }),
      ).rejects.toThrow(RangeError);
    });

    it('rejects non-numeric and millisecond timestamps with invalid_timestamp', async () => {
      const headers = await sign([SECRET]);
      for (const value of ['abc', '1.5', '-100', `${TS}000`]) {
        const error = await expectSignatureError(() =>
          api.verifyStandardWebhook({
            headers: { ...headers, 'webhook-timestamp': value },
            body: BODY,
            secrets: [SECRET],
            now: at(TS),
          }),
        );
        expect(error.code, value).toBe('invalid_timestamp');
      }
    });

    it('refuses to sign with a millisecond or fractional timestamp', async () => {
      for (const timestamp of [Date.now(), 1.5, -1]) {
        const error = await expectSignatureError(() => sign([SECRET], BODY, timestamp));
        expect(error.code).toBe('invalid_timestamp');
      }
    });
  });

  it('refuses ids that would not survive HTTP unchanged (surrounding spaces, line breaks)', async () => {
    for (const id of [' msg_1', 'msg_1 ', 'msg\r\n1', '']) {
      await expect(
        api.signStandardWebhook({ id, timestamp: TS, body: BODY, secrets: [SECRET] }),
      ).rejects.toThrow(/id must be a non-empty message id/);
    }
  });

  it('lists exactly the missing headers', async () => {
    const error = await expectSignatureError(() =>
      api.verifyStandardWebhook({ headers: { 'webhook-id': 'msg_1' }, body: BODY, secrets: [SECRET] }),
    );
    expect(error.code).toBe('missing_headers');
    expect(error.message).toMatch(/^Missing webhook-timestamp, webhook-signature headers/);
  });

  it('ignores unknown signature versions but accepts v1 next to them, also when merged with ", " or ","', async () => {
    const headers = await sign([SECRET]);
    const v1 = headers['webhook-signature']!;
    const mixed = { ...headers, 'webhook-signature': `v1a,c2lnbmF0dXJl, ${v1}` };
    await expect(
      api.verifyStandardWebhook({ headers: mixed, body: BODY, secrets: [SECRET], now: at(TS) }),
    ).resolves.toMatchObject({ id: 'msg_1' });
    // A merge with a bare "," (RFC 9110 lists need no space), the bad signature first.
    const bareComma = { ...headers, 'webhook-signature': `v1,c2lnbmF0dXJl,${v1}` };
    await expect(
      api.verifyStandardWebhook({ headers: bareComma, body: BODY, secrets: [SECRET], now: at(TS) }),
    ).resolves.toMatchObject({ id: 'msg_1' });
    const onlyUnknown = { ...headers, 'webhook-signature': v1.replace('v1,', 'v2,') };
    const error = await expectSignatureError(() =>
      api.verifyStandardWebhook({ headers: onlyUnknown, body: BODY, secrets: [SECRET], now: at(TS) }),
    );
    expect(error.code).toBe('bad_signature');
    expect(error.message).toContain('no "v1,<base64>" entry');
  });

  it('reads a signature header of a megabyte of commas in linear time (no regex backtracking)', async () => {
    // Anyone can send this before any secret is checked; a backtracking /,+$/ took ~0.3 s for 16 KB
    // and grows with the square of the length, so this would not finish within the test timeout.
    const headers = { ...(await sign([SECRET])), 'webhook-signature': `v1${','.repeat(1_000_000)}x` };
    const error = await expectSignatureError(() =>
      api.verifyStandardWebhook({ headers, body: BODY, secrets: [SECRET], now: at(TS) }),
    );
    expect(error.code).toBe('bad_signature');
    const trailing = {
      ...headers,
      'webhook-signature': `${(await sign([SECRET]))['webhook-signature']}${','.repeat(1_000_000)}`,
    };
    await expect(
      api.verifyStandardWebhook({ headers: trailing, body: BODY, secrets: [SECRET], now: at(TS) }),
    ).resolves.toMatchObject({ id: 'msg_1' });
  });

  it('accepts a bare base64 secret exactly like its whsec_ form', async () => {
    const bare = SECRET.slice('whsec_'.length);
    expect(await sign([bare])).toEqual(await sign([SECRET]));
  });

  it('rejects undecodable secrets without echoing them', async () => {
    const bad = 'whsec_not base64!!';
    const error = await expectSignatureError(() => sign([SECRET, bad]));
    expect(error.code).toBe('invalid_secret');
    expect(error.message).toContain('secrets[1]');
    expect(error.message).not.toContain('not base64');
    const newline = await expectSignatureError(() => sign([`${SECRET}\n`]));
    expect(newline.message).toContain('whitespace');
  });

  it('rejects an empty secret list with no_secret', async () => {
    expect((await expectSignatureError(() => sign([]))).code).toBe('no_secret');
  });
});
