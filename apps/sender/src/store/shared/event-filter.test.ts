import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';
import { eventFilterMatches } from './event-filter.js';

describe('eventFilterMatches', () => {
  it.each([
    [[], 'plan.started', true],
    [['*'], 'anything', true],
    [['plan.started'], 'plan.started', true],
    [['plan.started'], 'plan.completed', false],
    [['plan.*'], 'plan.review.expired', true],
    [['plan.*'], 'plan', false],
    [['plan.*'], 'planner.started', false],
    [['submission.*', 'plan.failed'], 'plan.failed', true],
  ] as const)('%j accepts %s: %s', (filter, event, expected) => {
    expect(eventFilterMatches(filter, event)).toBe(expected);
  });
});

describe('cursor', () => {
  it('round-trips and rejects tampering', () => {
    const cursor = encodeCursor({ createdAt: 1_767_225_600_000, id: '0190-a' });
    expect(decodeCursor(cursor)).toEqual({ createdAt: 1_767_225_600_000, id: '0190-a' });
    expect(() => decodeCursor(Buffer.from('["x","y"]').toString('base64url'))).toThrow(/cursor/);
    expect(() => decodeCursor('%%%')).toThrow(/cursor/);
  });
});
