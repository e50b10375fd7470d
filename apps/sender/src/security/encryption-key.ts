import { createHash } from 'node:crypto';
import { ConfigError } from '../config/env.js';

export const ENCRYPTION_KEY_BYTES = 32;

export interface EncryptionKey {
  /** Short non-secret fingerprint stored in every sealed value, to pick the key that opens it. */
  id: string;
  key: Buffer;
}

/** A configuration problem (so the CLI prints it and exits 2 like any other bad variable). */
export class EncryptionKeyError extends ConfigError {}

/**
 * Fingerprint of a key. Deriving it (instead of asking operators to name keys) means rotation is
 * just "move the old value to TASKHOOKS_ENCRYPTION_KEYS_OLD"; 48 bits of a domain-separated hash
 * say nothing useful about a 256-bit key.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256')
    .update('taskhooks/encryption-key-id/v1\0')
    .update(key)
    .digest('base64url')
    .slice(0, 8);
}

/**
 * Decodes a 32-byte key given as 64 hex characters or as base64 / base64url (padding optional).
 * `source` names where it came from (variable or file); the value itself is never echoed.
 */
export function parseEncryptionKey(text: string, source: string): EncryptionKey {
  const value = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(value)) {
    key = Buffer.from(value, 'hex');
  } else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) {
    const decoded = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (decoded.length === ENCRYPTION_KEY_BYTES) key = decoded;
  }
  if (!key) {
    throw new EncryptionKeyError(
      `${source} must be ${ENCRYPTION_KEY_BYTES} random bytes encoded as base64 (44 characters) or hex (64 characters); ` +
        `the value given (${value.length} characters) is neither. Generate one with: openssl rand -base64 32`,
    );
  }
  return { id: keyIdOf(key), key };
}
