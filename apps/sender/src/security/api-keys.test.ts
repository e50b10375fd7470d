import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { displayPrefixOf, generateApiKey, hashApiKey, parseApiKey, verifyApiKey } from './api-keys.js';

describe('API keys', () => {
  it('generates typed keys with 256 random bits in base64url', () => {
    const admin = generateApiKey('admin');
    const tenant = generateApiKey('tenant');
    expect(admin.key).toMatch(/^thk_admin_[A-Za-z0-9_-]{43}$/);
    expect(tenant.key).toMatch(/^thk_tenant_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(admin.key.slice('thk_admin_'.length), 'base64url')).toHaveLength(32);
    expect(parseApiKey(admin.key)).toEqual({ kind: 'admin' });
    expect(parseApiKey(tenant.key)).toEqual({ kind: 'tenant' });
    const many = new Set(Array.from({ length: 200 }, () => generateApiKey('tenant').key));
    expect(many.size).toBe(200);
  });

  it('keeps only a SHA-256 hash and a short display prefix that do not contain the secret part', () => {
    const { key, hash, displayPrefix } = generateApiKey('tenant');
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(displayPrefix).toBe(key.slice(0, 'thk_tenant_'.length + 6));
    const secretPart = key.slice(displayPrefix.length);
    expect(hash).not.toContain(secretPart);
    expect(displayPrefix).not.toContain(secretPart.slice(0, 8));
  });

  it('verifies the right key and rejects near misses', () => {
    const { key, hash } = generateApiKey('admin');
    expect(verifyApiKey(key, hash)).toBe(true);
    const lastChar = key.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyApiKey(`${key.slice(0, -1)}${lastChar}`, hash)).toBe(false);
    expect(verifyApiKey(key.slice(0, -1), hash)).toBe(false);
    expect(verifyApiKey(`${key}x`, hash)).toBe(false);
    expect(verifyApiKey('', hash)).toBe(false);
    expect(verifyApiKey(key, hashApiKey(generateApiKey('admin').key))).toBe(false);
  });

  it('treats a malformed stored hash as no match instead of throwing', () => {
    const { key } = generateApiKey('admin');
    expect(verifyApiKey(key, 'abc')).toBe(false);
    expect(verifyApiKey(key, hashApiKey(key).toUpperCase())).toBe(false);
  });

  it('recognises only our key shapes', () => {
    expect(parseApiKey(`thk_root_${'a'.repeat(43)}`)).toBeNull();
    expect(parseApiKey(`thk_admin_${'a'.repeat(42)}`)).toBeNull();
    expect(parseApiKey(`Bearer thk_admin_${'a'.repeat(43)}`)).toBeNull();
    expect(displayPrefixOf('sk_live_whatever')).toBe('');
  });
});
