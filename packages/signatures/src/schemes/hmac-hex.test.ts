import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, expectSignatureError } from '../../test/backends.js';

const SECRET = 'opentask-webhook-secret';
const BODY = '{"event":"task.completed","data":{"task":{"id":42,"title":"Call dentist"}}}';

describe.each(backends)('HMAC-SHA256 hex (%s)', (_name, api) => {
  const sign = (secrets: string[], options: { signatureHeader?: string; eventHeader?: string } = {}) =>
    api.signHmacHex({ event: 'task.completed', body: BODY, secrets, ...options });

  it('produces the signature from the OpenTask documentation (createHmac(secret).update(body))', async () => {
    const headers = await sign([SECRET]);
    const documented = `sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`;
    expect(headers).toEqual({ 'x-taskhooks-signature': documented, 'x-taskhooks-event': 'task.completed' });
  });

  it('round-trips with OpenTask header names and returns the event', async () => {
    const options = { signatureHeader: 'X-OpenTask-Signature', eventHeader: 'X-OpenTask-Event' };
    const headers = await sign([SECRET], options);
    expect(Object.keys(headers).sort()).toEqual(['x-opentask-event', 'x-opentask-signature']);
    await expect(api.verifyHmacHex({ headers, body: BODY, secrets: [SECRET], ...options })).resolves.toEqual({
      scheme: 'hmac-sha256-hex',
      event: 'task.completed',
    });
  });

  it('rejects a tampered body and a wrong secret', async () => {
    const headers = await sign([SECRET]);
    const tampered = await expectSignatureError(() =>
      api.verifyHmacHex({ headers, body: BODY.replace('42', '24'), secrets: [SECRET] }),
    );
    expect(tampered.code).toBe('bad_signature');
    const wrong = await expectSignatureError(() =>
      api.verifyHmacHex({ headers, body: BODY, secrets: ['nope'] }),
    );
    expect(wrong.code).toBe('bad_signature');
    expect(wrong.message).not.toContain('nope');
  });

  it('signs with the first secret; the receiver accepts any of its secrets during rotation', async () => {
    const headers = await sign(['new-secret', 'old-secret']);
    await expect(api.verifyHmacHex({ headers, body: BODY, secrets: ['new-secret'] })).resolves.toBeDefined();
    await expect(
      api.verifyHmacHex({ headers, body: BODY, secrets: ['old-secret', 'new-secret'] }),
    ).resolves.toBeDefined();
    const removed = await expectSignatureError(() =>
      api.verifyHmacHex({ headers, body: BODY, secrets: ['old-secret'] }),
    );
    expect(removed.code).toBe('bad_signature');
  });

  it('accepts upper-case hex', async () => {
    const headers = await sign([SECRET]);
    const upper = {
      'x-taskhooks-signature': `sha256=${headers['x-taskhooks-signature']!.slice(7).toUpperCase()}`,
    };
    await expect(api.verifyHmacHex({ headers: upper, body: BODY, secrets: [SECRET] })).resolves.toMatchObject(
      {
        event: undefined,
      },
    );
  });

  it('explains the expected format when the value is malformed', async () => {
    const error = await expectSignatureError(() =>
      api.verifyHmacHex({ headers: { 'x-taskhooks-signature': 'md5=abc' }, body: BODY, secrets: [SECRET] }),
    );
    expect(error.code).toBe('bad_signature');
    expect(error.message).toContain('"sha256=<64 hex digits>"');
  });

  it('names the configured signature header when it is missing', async () => {
    const error = await expectSignatureError(() =>
      api.verifyHmacHex({
        headers: {},
        body: BODY,
        secrets: [SECRET],
        signatureHeader: 'X-OpenTask-Signature',
      }),
    );
    expect(error.code).toBe('missing_headers');
    expect(error.message).toContain('x-opentask-signature');
  });

  it('rejects an invalid header name option as a programming error', async () => {
    await expect(sign([SECRET], { signatureHeader: 'bad header' })).rejects.toThrow(TypeError);
  });
});
