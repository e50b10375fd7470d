import { describe, expect, it } from 'vitest';
import { CustomHeaderError, findCustomHeaderIssues, validateCustomHeaders } from './custom-headers.js';

describe('validateCustomHeaders', () => {
  it('accepts the seed-000 examples and returns them unchanged', () => {
    // Latin-1 (obs-text) passes: undici sends it byte for byte.
    const headers = {
      Authorization: 'Bearer abc.def',
      'X-API-Key': 'k-123',
      'X-Empty': '',
      'X-City': 'Zürich',
    };
    expect(validateCustomHeaders(headers)).toEqual(headers);
  });

  const rejected: Array<{ name: string; input: unknown; header: string; reason: RegExp }> = [
    { name: 'not an object', input: ['a'], header: '(headers)', reason: /JSON object/ },
    { name: 'null', input: null, header: '(headers)', reason: /JSON object/ },
    { name: 'CRLF in value', input: { 'X-A': 'ok\r\nX-Evil: 1' }, header: 'X-A', reason: /CR or LF/ },
    { name: 'LF in name', input: { 'X-A\nX-Evil': 'v' }, header: 'X-A\\nX-Evil', reason: /CR or LF/ },
    { name: 'NUL in value', input: { 'X-A': 'a\u0000b' }, header: 'X-A', reason: /NUL/ },
    { name: 'NUL in name', input: { 'X-\u0000A': 'v' }, header: 'X-\\u0000A', reason: /NUL/ },
    { name: 'other control char', input: { 'X-A': 'a\u0007' }, header: 'X-A', reason: /control character/ },
    { name: 'euro sign', input: { 'X-Team': 'Zürich € team' }, header: 'X-Team', reason: /beyond U\+00FF/ },
    { name: 'emoji', input: { 'X-Team': 'team 🦊' }, header: 'X-Team', reason: /percent-encode/ },
    { name: 'space in name', input: { 'X A': 'v' }, header: 'X A', reason: /HTTP token/ },
    { name: 'colon in name', input: { 'X-A:': 'v' }, header: 'X-A:', reason: /HTTP token/ },
    { name: 'empty name', input: { '': 'v' }, header: '', reason: /empty/ },
    { name: 'number value', input: { 'X-A': 1 }, header: 'X-A', reason: /must be a string, got number/ },
    { name: 'null value', input: { 'X-A': null }, header: 'X-A', reason: /got null/ },
    { name: 'padded value', input: { 'X-A': ' v ' }, header: 'X-A', reason: /whitespace/ },
    { name: 'huge value', input: { 'X-A': 'v'.repeat(8193) }, header: 'X-A', reason: /longer than 8192/ },
    { name: 'Connection', input: { Connection: 'close' }, header: 'Connection', reason: /hop-by-hop/ },
    { name: 'keep-alive', input: { 'Keep-Alive': 'x' }, header: 'Keep-Alive', reason: /hop-by-hop/ },
    {
      name: 'transfer-encoding',
      input: { 'Transfer-Encoding': 'chunked' },
      header: 'Transfer-Encoding',
      reason: /hop-by-hop/,
    },
    { name: 'upgrade', input: { Upgrade: 'h2c' }, header: 'Upgrade', reason: /hop-by-hop/ },
    { name: 'te', input: { TE: 'trailers' }, header: 'TE', reason: /hop-by-hop/ },
    { name: 'trailer', input: { Trailer: 'x' }, header: 'Trailer', reason: /hop-by-hop/ },
    {
      name: 'proxy-*',
      input: { 'Proxy-Authorization': 'x' },
      header: 'Proxy-Authorization',
      reason: /proxies/,
    },
    { name: 'host', input: { Host: 'evil' }, header: 'Host', reason: /endpoint URL/ },
    {
      name: 'content-length',
      input: { 'Content-Length': '1' },
      header: 'Content-Length',
      reason: /signed body/,
    },
    {
      name: 'content-type',
      input: { 'Content-Type': 'text/plain' },
      header: 'Content-Type',
      reason: /application\/json/,
    },
    {
      name: 'webhook-*',
      input: { 'Webhook-Signature': 'v1,x' },
      header: 'Webhook-Signature',
      reason: /signature/,
    },
    {
      name: 'duplicate by case',
      input: { 'X-Key': 'a', 'x-key': 'b' },
      header: 'x-key',
      reason: /duplicates X-Key/,
    },
  ];

  it.each(rejected)('rejects $name', ({ input, header, reason }) => {
    const issues = findCustomHeaderIssues(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.header).toBe(header);
    expect(issues[0]!.reason).toMatch(reason);
    expect(() => validateCustomHeaders(input)).toThrow(CustomHeaderError);
  });

  it('rejects headers owned by the signature scheme', () => {
    const issues = findCustomHeaderIssues(
      { 'X-OpenTask-Signature': 'sha256=forged' },
      { reservedNames: ['x-opentask-signature', 'x-opentask-event'] },
    );
    expect(issues).toEqual([
      { header: 'X-OpenTask-Signature', reason: 'set by the endpoint signature scheme' },
    ]);
  });

  it('lists every problem at once and never echoes a value', () => {
    const secret = 'sk_live_very_secret';
    try {
      validateCustomHeaders({ Host: secret, 'X-Token': `${secret}\r\n`, Fine: secret });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CustomHeaderError);
      const { issues, message } = error as CustomHeaderError;
      expect(issues.map((i) => i.header)).toEqual(['Host', 'X-Token']);
      expect(message).not.toContain(secret);
    }
  });

  it('caps the number of headers', () => {
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`X-H${i}`, 'v']));
    expect(findCustomHeaderIssues(many)[0]!.reason).toMatch(/at most 32/);
  });
});
