import { expect, it } from 'vitest';
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
    // Once expired (the link itself is refused by then), a nonce is forgotten: the table stays small.
    expect(await ctx.store.markPortalLinkUsed('nonce-d', expiresAt + 60_000, expiresAt)).toBe(true);
    expect(await ctx.store.markPortalLinkUsed('nonce-a', expiresAt + 60_000, expiresAt + 1)).toBe(true);
    expect(await ctx.store.markPortalLinkUsed('nonce-d', expiresAt + 60_000, expiresAt + 2)).toBe(false);
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
