import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys: `thk_admin_<43 base64url chars>` (every tenant) and `thk_tenant_<…>` (one tenant).
 *
 * Only a SHA-256 hash is stored. A slow password hash (bcrypt, scrypt, Argon2) exists to make
 * guessing *low-entropy human passwords* expensive; these keys carry 256 random bits, so even
 * a leaked hash table cannot be brute-forced, and a slow hash would only add tens of ms of CPU
 * to every API request (and a cheap denial-of-service lever). Being unsalted and deterministic
 * also lets the store find a key by an indexed `hash = ?` lookup instead of scanning.
 */

export type ApiKeyKind = 'admin' | 'tenant';

const PREFIXES: Record<ApiKeyKind, string> = { admin: 'thk_admin_', tenant: 'thk_tenant_' };
export const API_KEY_RANDOM_BYTES = 32;
const RANDOM_CHARS = Math.ceil((API_KEY_RANDOM_BYTES * 4) / 3); // base64url without padding: 43
const DISPLAY_CHARS = 6;
const KEY_PATTERN = new RegExp(`^thk_(admin|tenant)_([A-Za-z0-9_-]{${RANDOM_CHARS}})$`);

export interface GeneratedApiKey {
  /** The key itself: shown once to whoever created it, never stored or logged. */
  key: string;
  kind: ApiKeyKind;
  /** Non-secret start of the key (`thk_admin_AbC12x`) so people can tell their keys apart in lists. */
  displayPrefix: string;
  /** SHA-256 hex of the whole key: the only form that is stored. */
  hash: string;
}

export function generateApiKey(kind: ApiKeyKind): GeneratedApiKey {
  const key = `${PREFIXES[kind]}${randomBytes(API_KEY_RANDOM_BYTES).toString('base64url')}`;
  return { key, kind, displayPrefix: displayPrefixOf(key), hash: hashApiKey(key) };
}

/** The kind a presented key claims, or null when it is not shaped like one of ours. */
export function parseApiKey(presented: string): { kind: ApiKeyKind } | null {
  const match = KEY_PATTERN.exec(presented);
  return match ? { kind: match[1] as ApiKeyKind } : null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function displayPrefixOf(key: string): string {
  const kind = parseApiKey(key)?.kind;
  if (!kind) return '';
  return key.slice(0, PREFIXES[kind].length + DISPLAY_CHARS);
}

/**
 * Compares a presented key with a stored hash in constant time: both sides are 32-byte digests,
 * so neither the key's length nor the position of the first difference shows in the timing.
 */
export function verifyApiKey(presented: string, storedHash: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(storedHash)) return false;
  const presentedDigest = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(presentedDigest, Buffer.from(storedHash, 'hex'));
}
