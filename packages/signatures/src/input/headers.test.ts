import { describe, expect, it } from 'vitest';
import { trimHttpWhitespace } from './header-name.js';
import { flattenHeaders, readHeader } from './headers.js';

describe('readHeader', () => {
  it('reads Web Headers case-insensitively', () => {
    const headers = new Headers({ 'Webhook-Id': 'msg_1' });
    expect(readHeader(headers, 'WEBHOOK-ID')).toBe('msg_1');
  });

  it('reads Node-style objects by exact, lower-case or any-case key', () => {
    expect(readHeader({ 'webhook-id': 'a' }, 'Webhook-Id')).toBe('a');
    expect(readHeader({ 'WebHook-ID': 'b' }, 'webhook-id')).toBe('b');
  });

  it('joins array values with ", " and skips non-string members', () => {
    const bag = { 'x-sig': ['one', 7 as unknown as string, 'two'] };
    expect(readHeader(bag, 'x-sig')).toBe('one, two');
  });

  it('treats undefined, empty and whitespace-only values as missing', () => {
    expect(readHeader({ a: undefined, b: '', c: '  ', d: [] }, 'a')).toBeUndefined();
    for (const name of ['b', 'c', 'd', 'e'])
      expect(readHeader({ b: '', c: '  ', d: [] }, name)).toBeUndefined();
  });

  it('trims surrounding spaces and tabs from plain-object values, like Headers does', () => {
    expect(readHeader({ 'webhook-id': ' \tmsg_1 ' }, 'webhook-id')).toBe('msg_1');
    expect(readHeader(new Headers({ 'webhook-id': ' msg_1 ' }), 'webhook-id')).toBe('msg_1');
  });

  it('does not read inherited properties', () => {
    expect(readHeader({}, 'constructor')).toBeUndefined();
    expect(readHeader({}, 'toString')).toBeUndefined();
  });
});

describe('flattenHeaders', () => {
  it('lists a bag as lower-case names with repeated values joined, whatever kind of bag it is', () => {
    const expected = { 'webhook-id': 'a', authorization: 'Bearer x, Bearer y', empty: '' };
    expect(
      flattenHeaders({
        'Webhook-Id': 'a',
        authorization: ['Bearer x', 'Bearer y'],
        empty: '',
        gone: undefined,
      }),
    ).toEqual(expected);
    expect(
      flattenHeaders({ Authorization: 'Bearer x', authorization: 'Bearer y', 'webhook-id': 'a', empty: '' }),
    ).toEqual(expected);
    const native = new Headers([
      ['Webhook-Id', 'a'],
      ['authorization', 'Bearer x'],
      ['Authorization', 'Bearer y'],
      ['empty', ''],
    ]);
    expect(flattenHeaders(native)).toEqual(expected);
    // A Headers of another implementation (a polyfill, another realm): recognised by its shape.
    const foreign = { get: (name: string) => native.get(name), forEach: native.forEach.bind(native) };
    expect(flattenHeaders(foreign as unknown as Headers)).toEqual(expected);
  });
});

describe('trimHttpWhitespace', () => {
  it('trims spaces and tabs at both ends only', () => {
    expect(trimHttpWhitespace(' \t a b \t ')).toBe('a b');
    expect(trimHttpWhitespace('ab')).toBe('ab');
    expect(trimHttpWhitespace(' \t ')).toBe('');
    expect(trimHttpWhitespace('')).toBe('');
  });

  it('handles a megabyte of inner blanks in linear time (no regex backtracking)', () => {
    const inner = `a${' '.repeat(1_000_000)}b`;
    expect(trimHttpWhitespace(` ${inner}\t`)).toBe(inner);
  });
});
