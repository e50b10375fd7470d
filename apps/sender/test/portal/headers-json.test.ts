import { describe, expect, it } from 'vitest';
import { parseHeadersJson } from '../../src/portal/assets/js/headers-json.js';

const message = (text: string) => {
  const result = parseHeadersJson(text);
  if (result.ok) throw new Error(`accepted ${text}`);
  return result.message;
};

describe('the auth headers field (seed 000: JSON, validated with a clear message)', () => {
  it('accepts an object of header name → text, and empty as no headers', () => {
    expect(parseHeadersJson('{"Authorization":"Bearer abc","X-API-Key":"k"}')).toEqual({
      ok: true,
      headers: { Authorization: 'Bearer abc', 'X-API-Key': 'k' },
    });
    expect(parseHeadersJson('  ')).toEqual({ ok: true, headers: {} });
  });

  it('says why JSON that does not parse is wrong and shows the expected shape', () => {
    expect(message('{"Authorization": "Bearer x",}')).toMatch(
      /^Auth headers must be valid JSON, for example \{"Authorization"/,
    );
    expect(message("{'Authorization': 'x'}")).toContain('valid JSON');
  });

  it('names what it got when it is not an object', () => {
    expect(message('["Authorization"]')).toContain('this is a list');
    expect(message('"Bearer x"')).toContain('this is a string');
    expect(message('null')).toContain('this is null');
  });

  it('names the key whose value is not text, and the header name that is invalid', () => {
    expect(message('{"X-Count": 5}')).toBe(
      'The value of "X-Count" must be text in quotes, e.g. "X-Count": "…"; it is a number.',
    );
    expect(message('{"My Header": "x"}')).toContain('"My Header" is not a valid header name');
    expect(message('{"Authorization": "a\\nb"}')).toContain('"Authorization" must be on one line');
  });
});
