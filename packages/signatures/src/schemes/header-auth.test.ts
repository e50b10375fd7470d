import { describe, expect, it } from 'vitest';
import { backends, expectSignatureError } from '../../test/backends.js';

const AUTH = { Authorization: 'Bearer family-hook-token-1', 'X-API-Key': 'key-123' };

describe.each(backends)('header auth (%s)', (_name, api) => {
  it('sends the configured headers with lower-case names and verifies them', async () => {
    const headers = await api.signHeaderAuth({ authHeaders: AUTH });
    expect(headers).toEqual({ authorization: 'Bearer family-hook-token-1', 'x-api-key': 'key-123' });
    await expect(api.verifyHeaderAuth({ headers, authHeaders: AUTH })).resolves.toEqual({
      scheme: 'header-auth',
    });
  });

  it('names the mismatched header but never its value', async () => {
    const headers = { authorization: 'Bearer family-hook-token-1', 'x-api-key': 'key-124' };
    const error = await expectSignatureError(() => api.verifyHeaderAuth({ headers, authHeaders: AUTH }));
    expect(error.code).toBe('bad_signature');
    expect(error.message).toMatch(/^x-api-key did not match/);
    expect(error.message).not.toContain('key-12');
  });

  it('rejects values that differ only in length (prefix of the secret)', async () => {
    const headers = { authorization: 'Bearer family-hook-token', 'x-api-key': 'key-123' };
    expect(
      (await expectSignatureError(() => api.verifyHeaderAuth({ headers, authHeaders: AUTH }))).code,
    ).toBe('bad_signature');
  });

  it('lists missing headers', async () => {
    const error = await expectSignatureError(() => api.verifyHeaderAuth({ headers: {}, authHeaders: AUTH }));
    expect(error.code).toBe('missing_headers');
    expect(error.message).toMatch(/^Missing authorization, x-api-key headers/);
  });

  it('refuses an empty header set and values with line breaks, without echoing them', async () => {
    expect((await expectSignatureError(() => api.signHeaderAuth({ authHeaders: {} }))).code).toBe(
      'no_secret',
    );
    const injected = await expectSignatureError(() =>
      api.signHeaderAuth({ authHeaders: { Authorization: 'Bearer x\r\nX-Evil: 1' } }),
    );
    expect(injected.code).toBe('invalid_secret');
    expect(injected.message).not.toContain('Evil');
    const padded = await expectSignatureError(() =>
      api.signHeaderAuth({ authHeaders: { 'X-Key': 'secret ' } }),
    );
    expect(padded.message).toContain('leading/trailing spaces');
    expect(padded.message).not.toContain('secret ');
    await expect(api.signHeaderAuth({ authHeaders: { 'X-Key': 'a', 'x-key': 'b' } })).rejects.toThrow(
      /twice/,
    );
  });
});
