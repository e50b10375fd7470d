import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, isUuidV7, uuidv7, uuidv7Timestamp } from './uuidv7.js';

describe('uuidv7', () => {
  it('has the RFC 9562 layout: version 7, variant 10, lowercase hex', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuidV7(id)).toBe(true);
    }
  });

  it('encodes the clock as the big-endian 48-bit prefix', () => {
    const ms = 0x0191_2345_6789; // a 2024 timestamp using all six bytes
    const id = createUuidV7Generator(() => ms)();
    expect(id.slice(0, 13)).toBe('01912345-6789');
    expect(uuidv7Timestamp(id)).toBe(ms);
  });

  it('is strictly increasing within one millisecond, across counter overflow', () => {
    const generate = createUuidV7Generator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 10_000 }, () => generate());
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    // 10k ids cannot fit in one 12-bit counter: the generator borrowed future milliseconds.
    expect(uuidv7Timestamp(ids.at(-1)!)).toBeGreaterThan(1_700_000_000_000);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never goes backwards when the clock does', () => {
    let clock = 1_700_000_000_500;
    const generate = createUuidV7Generator(() => clock);
    const first = generate();
    clock -= 400;
    const second = generate();
    expect(second > first).toBe(true);
    expect(uuidv7Timestamp(second)).toBe(1_700_000_000_500);
  });

  it('sorts by time across milliseconds', () => {
    let clock = 1_000;
    const generate = createUuidV7Generator(() => clock);
    const a = generate();
    clock = 2_000;
    const b = generate();
    expect([b, a].sort()).toEqual([a, b]);
  });

  it('rejects an invalid clock and a non-v7 id clearly', () => {
    expect(() => createUuidV7Generator(() => -1)()).toThrow(/clock returned -1/);
    expect(() => uuidv7Timestamp('not-a-uuid')).toThrow(/not a lowercase UUID v7/);
    expect(isUuidV7('123e4567-e89b-42d3-a456-426614174000')).toBe(false); // v4
  });
});
