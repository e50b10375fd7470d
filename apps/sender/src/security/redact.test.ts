import { describe, expect, it } from 'vitest';
import { toLogSafeHeaders } from './redact.js';

describe('toLogSafeHeaders', () => {
  it('redacts signatures, credential names and custom header values, keeps the rest', () => {
    const safe = toLogSafeHeaders(
      {
        'Content-Type': 'application/json',
        'webhook-id': 'msg_1',
        'webhook-signature': 'v1,c2lnbmF0dXJl',
        Authorization: 'Bearer family-token',
        'X-Family-Key': 'fk_live_123',
        'X-Refresh-Token': 'rt_456',
        Cookie: 'sid=abc',
        'x-multi': ['a', 'b'],
        'content-length': 42,
        'x-absent': undefined,
      },
      { customHeaderNames: ['x-family-key'] },
    );
    expect(safe).toEqual({
      'Content-Type': 'application/json',
      'webhook-id': 'msg_1',
      'webhook-signature': '[redacted]',
      Authorization: '[redacted]',
      'X-Family-Key': '[redacted]',
      'X-Refresh-Token': '[redacted]',
      Cookie: '[redacted]',
      'x-multi': 'a, b',
      'content-length': '42',
    });
  });

  it("uses the endpoint scheme's renamed signature header", () => {
    // A name the credential pattern would not catch: only the scheme knows it carries the HMAC.
    const headers = { 'X-Hub-Mac': 'abc123', 'X-Hub-Event': 'plan.started' };
    expect(toLogSafeHeaders(headers)).toEqual(headers);
    expect(
      toLogSafeHeaders(headers, { scheme: { scheme: 'hmac-sha256-hex', signatureHeader: 'X-Hub-Mac' } }),
    ).toEqual({ 'X-Hub-Mac': '[redacted]', 'X-Hub-Event': 'plan.started' });
  });

  it('redacts every default scheme header when the scheme is unknown', () => {
    expect(
      toLogSafeHeaders({ 'x-taskhooks-signature': 's', 'x-webhook-token-hash': 'h', 'x-webhook-event': 'e' }),
    ).toEqual({
      'x-taskhooks-signature': '[redacted]',
      'x-webhook-token-hash': '[redacted]',
      'x-webhook-event': 'e',
    });
  });

  it('does not modify its input', () => {
    const headers = { authorization: 'Bearer x' };
    toLogSafeHeaders(headers);
    expect(headers.authorization).toBe('Bearer x');
  });
});
