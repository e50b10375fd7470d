import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, expectSignatureError } from '../../test/backends.js';

const TOKEN = 'ext_token_7Hq2kLm9';

describe.each(backends)('token hash (%s)', (_name, api) => {
  it('sends hex SHA-256 of the token and the event, as the Chaster extension docs describe', async () => {
    const headers = await api.signTokenHash({ event: 'lock.frozen', secrets: [TOKEN] });
    expect(headers).toEqual({
      'x-webhook-token-hash': createHash('sha256').update(TOKEN).digest('hex'),
      'x-webhook-event': 'lock.frozen',
    });
    expect(headers['x-webhook-token-hash']).not.toContain(TOKEN);
  });

  it('round-trips with custom header names and returns the event', async () => {
    const options = { tokenHashHeader: 'X-Ext-Token-Hash', eventHeader: 'X-Ext-Event' };
    const headers = await api.signTokenHash({ event: 'task.assigned', secrets: [TOKEN], ...options });
    await expect(api.verifyTokenHash({ headers, secrets: [TOKEN], ...options })).resolves.toEqual({
      scheme: 'token-hash',
      event: 'task.assigned',
    });
  });

  it('rejects the wrong token, the raw token, and accepts any active token', async () => {
    const headers = await api.signTokenHash({ event: 'lock.frozen', secrets: [TOKEN] });
    expect(
      (await expectSignatureError(() => api.verifyTokenHash({ headers, secrets: ['other'] }))).code,
    ).toBe('bad_signature');
    const raw = { 'x-webhook-token-hash': TOKEN };
    const rawError = await expectSignatureError(() =>
      api.verifyTokenHash({ headers: raw, secrets: [TOKEN] }),
    );
    expect(rawError.message).toContain('64 hex digits');
    expect(rawError.message).not.toContain(TOKEN);
    await expect(api.verifyTokenHash({ headers, secrets: ['new-token', TOKEN] })).resolves.toMatchObject({
      event: 'lock.frozen',
    });
  });

  it('reports the missing token hash header', async () => {
    const error = await expectSignatureError(() =>
      api.verifyTokenHash({ headers: { 'x-webhook-event': 'lock.frozen' }, secrets: [TOKEN] }),
    );
    expect(error.code).toBe('missing_headers');
    expect(error.message).toContain('x-webhook-token-hash');
  });
});
