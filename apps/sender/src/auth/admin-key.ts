import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '../api/context.js';

export const ADMIN_KEY_FILE = 'admin.key';

/**
 * The operator key: TASKHOOKS_ADMIN_KEY, or (zero-config development) a random key generated once
 * into the data directory with mode 0600. Its value is never logged — only where it lives.
 */
export function loadOrCreateAdminKey(
  configured: string | undefined,
  dataDir: string,
): { key: string; source: string; created?: true } {
  const existing = readAdminKey(configured, dataDir);
  if (existing) return existing;
  const file = join(dataDir, ADMIN_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  const key = `thk_admin_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, source: file, created: true };
}

/** The admin key a sender with this configuration uses, if it has one yet (never creates it). */
export function readAdminKey(
  configured: string | undefined,
  dataDir: string,
): { key: string; source: string } | null {
  if (configured) return { key: configured, source: 'TASKHOOKS_ADMIN_KEY' };
  const file = join(dataDir, ADMIN_KEY_FILE);
  return existsSync(file) ? { key: readFileSync(file, 'utf8').trim(), source: file } : null;
}

/** Bearer-token check against the admin key, in constant time (hashes equalise the lengths). */
export function adminKeyAuthenticator(
  adminKey: string,
): (authorization: string | undefined) => Caller | null {
  const expected = createHash('sha256').update(adminKey).digest();
  return (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return null;
    const given = createHash('sha256').update(token).digest();
    return timingSafeEqual(given, expected) ? { kind: 'admin', keyId: 'admin', bootstrap: true } : null;
  };
}
