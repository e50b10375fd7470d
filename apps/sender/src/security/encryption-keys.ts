import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENCRYPTION_KEY_BYTES, EncryptionKeyError, parseEncryptionKey } from './encryption-key.js';
import type { SecretBoxKeys } from './secret-box.js';
import type { SecurityMode } from './security-mode.js';

export const ENCRYPTION_KEY_VAR = 'TASKHOOKS_ENCRYPTION_KEY';
export const OLD_ENCRYPTION_KEYS_VAR = 'TASKHOOKS_ENCRYPTION_KEYS_OLD';
export const DEV_KEY_FILE = 'encryption.key';

export interface LoadEncryptionKeysOptions {
  env?: Record<string, string | undefined>;
  mode: SecurityMode;
  /** TASKHOOKS_DATA_DIR; the development key lives in `<dataDir>/encryption.key`. */
  dataDir: string;
  /** Where the development-key warning goes (the app passes its logger). */
  warn?: (message: string) => void;
}

export interface LoadedEncryptionKeys extends SecretBoxKeys {
  source: 'env' | 'dev-file-created' | 'dev-file';
}

/**
 * Reads the sealing keys: TASKHOOKS_ENCRYPTION_KEY (current) plus TASKHOOKS_ENCRYPTION_KEYS_OLD
 * (comma separated, still opened after a rotation). Without a key, development generates one
 * into the data dir so `taskhooks serve` works out of the box; production refuses to start,
 * because a generated key lost with a container would make every stored secret unreadable.
 */
export function loadEncryptionKeys(options: LoadEncryptionKeysOptions): LoadedEncryptionKeys {
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const previous = (env[OLD_ENCRYPTION_KEYS_VAR] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part, i) => parseEncryptionKey(part, `${OLD_ENCRYPTION_KEYS_VAR} (entry ${i + 1})`));

  const configured = env[ENCRYPTION_KEY_VAR]?.trim();
  if (configured) {
    return { current: parseEncryptionKey(configured, ENCRYPTION_KEY_VAR), previous, source: 'env' };
  }
  if (options.mode === 'production') {
    throw new EncryptionKeyError(
      `${ENCRYPTION_KEY_VAR} is required in production mode (TASKHOOKS_MODE=production): set it to ` +
        `${ENCRYPTION_KEY_BYTES} random bytes, base64 or hex (openssl rand -base64 32), and keep it safe — ` +
        'without it the stored endpoint secrets cannot be opened.',
    );
  }
  const { current, created, path } = readOrCreateDevKey(options.dataDir);
  warn(
    `WARNING: ${ENCRYPTION_KEY_VAR} is not set; ${created ? 'generated' : 'using'} the development key ${path}. ` +
      `Endpoint secrets are sealed with it: losing that file loses them. Set ${ENCRYPTION_KEY_VAR} before production.`,
  );
  return { current, previous, source: created ? 'dev-file-created' : 'dev-file' };
}

function readOrCreateDevKey(dataDir: string) {
  const path = join(dataDir, DEV_KEY_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails when the file exists, so two processes starting together keep one key.
    writeFileSync(path, `${randomBytes(ENCRYPTION_KEY_BYTES).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return { current: parseEncryptionKey(readFileSync(path, 'utf8'), path), created: true, path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A key readable by other users is as good as published; tighten it rather than refuse to start.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return { current: parseEncryptionKey(readFileSync(path, 'utf8'), path), created: false, path };
}
