import { expect, it } from 'vitest';
import { USED_LINK_GRACE_MS } from '../shared/portal-link-uses.js';
import { type ContractContext, T0 } from './fixtures.js';

/** Single use of portal magic links, shared by every store instance on the same data. */
export function portalLinkContract(ctx: ContractContext): void {
  it('marks a link used once, for every instance on the same data, until it expires', async () => {
    const expiresAt = T0 + 15 * 60_000;
    expect(await ctx.store.markPortalLinkUsed('nonce-a', expiresAt, T0)).toBe(true);
    expect(await ctx.store.markPortalLinkUsed('nonce-a', expiresAt, T0 + 1)).toBe(false);
    expect(await ctx.store.markPortalLinkUsed('nonce-b', expiresAt, T0 + 2)).toBe(true);
    // Another process on the same database (or this one after a restart) agrees.
    const other = await ctx.harness.reopen();
    expect(await other.markPortalLinkUsed('nonce-a', expiresAt, T0 + 3)).toBe(false);
    expect(await other.markPortalLinkUsed('nonce-c', expiresAt, T0 + 3)).toBe(true);
    expect(await ctx.store.markPortalLinkUsed('nonce-c', expiresAt, T0 + 4)).toBe(false);
    // After expiry a nonce is still remembered for a grace period (another process's clock may run
    // behind and still accept the link), then forgotten: the table stays small.
    const later = expiresAt + USED_LINK_GRACE_MS;
    expect(await ctx.store.markPortalLinkUsed('nonce-a', later + 60_000, expiresAt + 1)).toBe(false);
    expect(await ctx.store.markPortalLinkUsed('nonce-a', later + 60_000, later - 1)).toBe(false);
    expect(await ctx.store.markPortalLinkUsed('nonce-d', later + 60_000, later)).toBe(true);
    expect(await ctx.store.markPortalLinkUsed('nonce-a', later + 60_000, later + 1)).toBe(true);
    expect(await ctx.store.markPortalLinkUsed('nonce-d', later + 60_000, later + 2)).toBe(false);
  });

  it('names the field of a bad argument', async () => {
    await expect(ctx.store.markPortalLinkUsed('', T0, T0)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^nonce: /),
    });
    await expect(ctx.store.markPortalLinkUsed('n', -1, T0)).rejects.toThrow(/^expiresAt: /);
    await expect(ctx.store.markPortalLinkUsed('n', T0, Number.NaN)).rejects.toThrow(/^now: /);
  });
}
