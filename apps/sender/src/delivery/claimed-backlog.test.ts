import { describe, expect, it } from 'vitest';
import { sampleClaim, sampleEndpoint } from '../testing/fixtures.js';
import { ClaimedBacklog } from './claimed-backlog.js';

function claimFor(endpointId: string, deliveryId: string) {
  const claim = sampleClaim(sampleEndpoint({ id: endpointId }));
  return { ...claim, delivery: { ...claim.delivery, id: deliveryId } };
}

describe('ClaimedBacklog', () => {
  it('hands claims back per endpoint in claim order and caps each endpoint', () => {
    const backlog = new ClaimedBacklog(2);
    expect(backlog.tryAdd(claimFor('a', 'a1'))).toBe(true);
    expect(backlog.tryAdd(claimFor('b', 'b1'))).toBe(true);
    expect(backlog.tryAdd(claimFor('a', 'a2'))).toBe(true);
    expect(backlog.tryAdd(claimFor('a', 'a3'))).toBe(false);
    expect(backlog.size).toBe(3);
    expect(backlog.full()).toEqual(['a']);
    expect(backlog.endpoints().sort()).toEqual(['a', 'b']);
    expect(backlog.take('a')?.delivery.id).toBe('a1');
    expect(backlog.take('a')?.delivery.id).toBe('a2');
    expect(backlog.take('a')).toBeUndefined();
    expect(backlog.waiting('a')).toBe(0);
    expect(backlog.endpoints()).toEqual(['b']);
  });

  it('drain() empties everything (for release on shutdown)', () => {
    const backlog = new ClaimedBacklog(4);
    backlog.tryAdd(claimFor('a', 'a1'));
    backlog.tryAdd(claimFor('b', 'b1'));
    expect(
      backlog
        .drain()
        .map((c) => c.delivery.id)
        .sort(),
    ).toEqual(['a1', 'b1']);
    expect(backlog.size).toBe(0);
    expect(backlog.full()).toEqual([]);
  });

  it('rejects a negative or fractional bound', () => {
    expect(() => new ClaimedBacklog(-1)).toThrow(/perEndpoint/);
    expect(() => new ClaimedBacklog(1.5)).toThrow(/perEndpoint/);
  });

  it('keeps one copy of a re-claimed delivery, in its place, with the fresher lease', () => {
    const backlog = new ClaimedBacklog(4);
    backlog.tryAdd(claimFor('a', 'a1'));
    backlog.tryAdd(claimFor('a', 'a2'));
    const again = claimFor('a', 'a1');
    const renewed = { ...again, delivery: { ...again.delivery, leaseExpiresAt: 99_999 } };
    expect(backlog.tryAdd(renewed)).toBe(false);
    expect(backlog.has('a1')).toBe(true);
    expect(backlog.refresh(renewed)).toBe(true);
    expect(backlog.refresh(claimFor('a', 'a3'))).toBe(false);
    expect(backlog.size).toBe(2);
    expect(backlog.take('a')?.delivery.leaseExpiresAt).toBe(99_999);
    expect(backlog.has('a1')).toBe(false);
    expect(backlog.take('a')?.delivery.id).toBe('a2');
    expect(backlog.take('a')).toBeUndefined();
  });
});
