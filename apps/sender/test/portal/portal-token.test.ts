import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortalAccess } from '../../src/portal/auth/portal-access.js';
import { derivePortalSigningKey } from '../../src/portal/auth/portal-signing-key.js';
import { signPortalToken, verifyPortalToken } from '../../src/portal/auth/portal-token.js';
import type { Store } from '../../src/store/types.js';
import { type ProcessBackend, prepareProcessBackend } from '../../src/testing/process-backend.js';
import type { Backend } from '../../src/testing/temp-store.js';

const key = derivePortalSigningKey(randomBytes(32));
const T0 = Date.UTC(2026, 4, 1, 12, 0, 0);

/** Flips one character of the claims part, keeping it valid base64url. */
function tamperClaims(token: string): string {
  const [version, payload, mac] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  claims.t = 'another-family';
  return [version, Buffer.from(JSON.stringify(claims)).toString('base64url'), mac].join('.');
}

describe('portal tokens', () => {
  it('round-trips the claims while valid', () => {
    const token = signPortalToken(key, { purpose: 'link', tenantId: 'family-1', expiresAt: T0 + 1000 });
    const check = verifyPortalToken(key, token, 'link', T0);
    expect(check).toMatchObject({ ok: true, claims: { tenantId: 'family-1', expiresAt: T0 + 1000 } });
  });

  it('refuses an expired token only after the signature checked out', () => {
    const token = signPortalToken(key, { purpose: 'link', tenantId: 'family-1', expiresAt: T0 });
    expect(verifyPortalToken(key, token, 'link', T0)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyPortalToken(key, tamperClaims(token), 'link', T0 + 5000)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses another tenant, another key, another purpose and garbage', () => {
    const token = signPortalToken(key, { purpose: 'link', tenantId: 'family-1', expiresAt: T0 + 60_000 });
    expect(verifyPortalToken(key, tamperClaims(token), 'link', T0).ok).toBe(false);
    const otherKey = derivePortalSigningKey(randomBytes(32));
    expect(verifyPortalToken(otherKey, token, 'link', T0)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyPortalToken(key, token, 'session', T0)).toEqual({ ok: false, reason: 'wrong_purpose' });
    for (const junk of ['', 'pt1', 'pt1..', 'pt2.e30.AAAA', `${token}x`, 'x'.repeat(5000)]) {
      expect(verifyPortalToken(key, junk, 'link', T0).ok, junk.slice(0, 20)).toBe(false);
    }
  });

  it('derives a different key from a different encryption key, the same from the same', () => {
    const material = randomBytes(32);
    expect(derivePortalSigningKey(material).equals(derivePortalSigningKey(material))).toBe(true);
    expect(derivePortalSigningKey(material).equals(material)).toBe(false);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('PortalAccess on %s', (backend) => {
  let now = T0;
  let prepared: ProcessBackend;
  const stores: Store[] = [];
  /** A PortalAccess with a store of its own on the shared database: one sender process. */
  const senderProcess = async () => {
    const store = await prepared.openStore();
    stores.push(store);
    return new PortalAccess({
      signingKey: key,
      now: () => now,
      baseUrl: () => 'http://127.0.0.1:8787/',
      markLinkUsed: (nonce, expiresAt, at) => store.markPortalLinkUsed(nonce, expiresAt, at),
      isIssuerActive: async (keyId) => !revokedKeys.has(keyId),
    });
  };
  let access: PortalAccess;
  const revokedKeys = new Set<string>();

  beforeAll(async () => {
    prepared = await prepareProcessBackend(backend);
    access = await senderProcess();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await prepared?.dispose();
  });

  it('makes a link on the base URL that opens once and starts a session for its tenant', async () => {
    now = T0;
    const link = access.createLink('family-1');
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/portal\/open\?token=pt1\./);
    expect(link.expiresAt).toBe(T0 + 15 * 60_000);
    const token = new URL(link.url).searchParams.get('token')!;
    const first = await access.redeemLink(token);
    expect(first).toMatchObject({ ok: true, tenantId: 'family-1' });
    expect(await access.redeemLink(token)).toEqual({ ok: false, reason: 'used' });
    if (!first.ok) throw new Error('unreachable');
    expect(await access.checkSession(first.session.token)).toMatchObject({ ok: true, tenantId: 'family-1' });
    // A session token is not a link, and a link is not a session.
    expect(await access.redeemLink(first.session.token)).toEqual({ ok: false, reason: 'invalid' });
    expect(await access.checkSession(token)).toEqual({ ok: false, reason: 'invalid' });
    now = first.session.expiresAt;
    expect(await access.checkSession(first.session.token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('ends the links and sessions of a revoked issuer key, and leaves the revoked link unused', async () => {
    now = T0;
    const tokenOf = (link: { url: string }) => new URL(link.url).searchParams.get('token')!;
    const opened = await access.redeemLink(tokenOf(access.createLink('family-4', 600, 'key-a')));
    if (!opened.ok) throw new Error('the link should open');
    const unopened = tokenOf(access.createLink('family-4', 600, 'key-a'));
    const otherKey = await access.redeemLink(tokenOf(access.createLink('family-4', 600, 'key-b')));
    if (!otherKey.ok) throw new Error('the link should open');
    expect(await access.checkSession(opened.session.token)).toMatchObject({ ok: true });

    revokedKeys.add('key-a');
    expect(await access.checkSession(opened.session.token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await access.redeemLink(unopened)).toEqual({ ok: false, reason: 'revoked' });
    expect(await access.checkSession(otherKey.session.token)).toMatchObject({
      ok: true,
      tenantId: 'family-4',
    });
    // Refused for its key, not spent: were the key restored, the link would still open once.
    revokedKeys.delete('key-a');
    expect(await access.redeemLink(unopened)).toMatchObject({ ok: true });
  });

  it('opens a link once across processes on one database, and after a restart', async () => {
    now = T0;
    const [first, second] = [access, await senderProcess()];
    const token = new URL(first.createLink('family-3').url).searchParams.get('token')!;
    const [a, b] = await Promise.all([first.redeemLink(token), second.redeemLink(token)]);
    // Opened on both at once: exactly one of them turns it into a session.
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, reason: 'used' });
    const restarted = await senderProcess();
    expect(await restarted.redeemLink(token)).toEqual({ ok: false, reason: 'used' });
    // A link from another process still opens there once.
    const other = new URL(second.createLink('family-3').url).searchParams.get('token')!;
    expect(await restarted.redeemLink(other)).toMatchObject({ ok: true, tenantId: 'family-3' });
  });

  it('honours the TTL and refuses the link once it passed', async () => {
    now = T0;
    const link = access.createLink('family-2', 60);
    expect(link.expiresAt).toBe(T0 + 60_000);
    now = T0 + 60_000;
    expect(await access.redeemLink(new URL(link.url).searchParams.get('token')!)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(() => access.createLink('family-2', 0)).toThrow(/ttlSeconds/);
    expect(() => access.createLink('family-2', 86_401)).toThrow(/ttlSeconds/);
  });

  it('cannot make a link before the server knows its URL', () => {
    const early = new PortalAccess({
      signingKey: key,
      now: () => T0,
      baseUrl: () => null,
      markLinkUsed: async () => true,
      isIssuerActive: async () => true,
    });
    expect(() => early.createLink('family-1')).toThrow(/start\(\)/);
  });
});
