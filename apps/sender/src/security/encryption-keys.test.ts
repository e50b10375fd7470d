import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env.js';
import { keyIdOf } from './encryption-key.js';
import { loadEncryptionKeys } from './encryption-keys.js';
import { SecretBox } from './secret-box.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'taskhooks-keys-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadEncryptionKeys', () => {
  it('reads the current key and the old keys from the environment', () => {
    const current = randomBytes(32);
    const old1 = randomBytes(32);
    const old2 = randomBytes(32);
    const keys = loadEncryptionKeys({
      mode: 'production',
      dataDir: join(root, 'unused'),
      env: {
        TASKHOOKS_ENCRYPTION_KEY: current.toString('base64'),
        TASKHOOKS_ENCRYPTION_KEYS_OLD: ` ${old1.toString('hex')} ,${old2.toString('base64url')}`,
      },
    });
    expect(keys.source).toBe('env');
    expect(keys.current.id).toBe(keyIdOf(current));
    expect(keys.previous?.map((k) => k.id)).toEqual([keyIdOf(old1), keyIdOf(old2)]);
    expect(() => statSync(join(root, 'unused'))).toThrow();
  });

  it('production without a key refuses to start with a ConfigError naming the variable', () => {
    const load = () => loadEncryptionKeys({ mode: 'production', dataDir: root, env: {} });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/TASKHOOKS_ENCRYPTION_KEY is required in production mode/);
    expect(() => statSync(join(root, 'encryption.key'))).toThrow();
  });

  it('a malformed old key names its variable and position', () => {
    expect(() =>
      loadEncryptionKeys({
        mode: 'development',
        dataDir: root,
        env: {
          TASKHOOKS_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
          TASKHOOKS_ENCRYPTION_KEYS_OLD: `${randomBytes(32).toString('hex')},short`,
        },
      }),
    ).toThrow(/^TASKHOOKS_ENCRYPTION_KEYS_OLD \(entry 2\) must be 32 random bytes/);
  });

  it('development creates <dataDir>/encryption.key with mode 0600 once, warns loudly, then reuses it', () => {
    const dataDir = join(root, 'data');
    const warnings: string[] = [];
    const first = loadEncryptionKeys({
      mode: 'development',
      dataDir,
      env: {},
      warn: (m) => warnings.push(m),
    });
    const path = join(dataDir, 'encryption.key');
    expect(first.source).toBe('dev-file-created');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toHaveLength(32);

    const second = loadEncryptionKeys({
      mode: 'development',
      dataDir,
      env: {},
      warn: (m) => warnings.push(m),
    });
    expect(second.source).toBe('dev-file');
    expect(second.current.id).toBe(first.current.id);
    expect(second.current.key.equals(first.current.key)).toBe(true);

    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^WARNING: TASKHOOKS_ENCRYPTION_KEY is not set; generated the development key .*encryption\.key/,
    );
    expect(warnings[1]).toMatch(/using the development key/);
    expect(warnings.join()).not.toContain(first.current.key.toString('base64'));

    // A value sealed in the first run opens in the second.
    const sealed = new SecretBox(first).seal('tok', 'endpoint:e1');
    expect(new SecretBox(second).open(sealed, 'endpoint:e1')).toBe('tok');
  });

  it('tightens a development key file other users could read', () => {
    writeFileSync(join(root, 'encryption.key'), randomBytes(32).toString('base64'), { mode: 0o644 });
    chmodSync(join(root, 'encryption.key'), 0o644);
    loadEncryptionKeys({ mode: 'development', dataDir: root, env: {}, warn: () => {} });
    expect(statSync(join(root, 'encryption.key')).mode & 0o777).toBe(0o600);
  });

  it('a corrupt development key file is named in the error', () => {
    writeFileSync(join(root, 'encryption.key'), 'garbage', { mode: 0o600 });
    expect(() => loadEncryptionKeys({ mode: 'development', dataDir: root, env: {}, warn: () => {} })).toThrow(
      /encryption\.key must be 32 random bytes/,
    );
  });

  it('an env key wins over an existing development file', () => {
    writeFileSync(join(root, 'encryption.key'), randomBytes(32).toString('base64'), { mode: 0o600 });
    const envKey = randomBytes(32);
    const keys = loadEncryptionKeys({
      mode: 'development',
      dataDir: root,
      env: { TASKHOOKS_ENCRYPTION_KEY: envKey.toString('base64') },
      warn: () => {
        throw new Error('no warning expected with an env key');
      },
    });
    expect(keys.current.id).toBe(keyIdOf(envKey));
  });
});
