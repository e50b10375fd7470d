import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders } from './redact-headers.js';

describe('redactHeaders', () => {
  const common = { 'content-type': 'application/json', 'user-agent': 'taskhooks/0.1' };

  it('redacts the Standard Webhooks signature but keeps id and timestamp for debugging', () => {
    const headers = {
      ...common,
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1',
      'webhook-signature': 'v1,abc',
    };
    expect(redactHeaders(headers, { scheme: 'standard-webhooks' })).toEqual({
      ...common,
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1',
      'webhook-signature': REDACTED,
    });
  });

  it('redacts configured HMAC and token-hash header names, case-insensitively, keeping the original keys', () => {
    const hmac = redactHeaders(
      { 'X-OpenTask-Signature': 'sha256=ab', 'X-OpenTask-Event': 'task.created' },
      { scheme: 'hmac-sha256-hex', signatureHeader: 'x-opentask-signature' },
    );
    expect(hmac).toEqual({ 'X-OpenTask-Signature': REDACTED, 'X-OpenTask-Event': 'task.created' });
    const token = redactHeaders(
      { 'x-webhook-token-hash': 'ff', 'x-webhook-event': 'lock.frozen' },
      { scheme: 'token-hash' },
    );
    expect(token).toEqual({ 'x-webhook-token-hash': REDACTED, 'x-webhook-event': 'lock.frozen' });
  });

  it('redacts every header-auth header and common credentials whatever the scheme', () => {
    const headers = { 'x-family-key': 'k', authorization: 'Bearer t', cookie: 'sid=1', ...common };
    const redacted = redactHeaders(headers, { scheme: 'header-auth', headers: { 'X-Family-Key': 'k' } });
    expect(redacted).toEqual({
      'x-family-key': REDACTED,
      authorization: REDACTED,
      cookie: REDACTED,
      ...common,
    });
    expect(headers['x-family-key']).toBe('k');
  });
});
