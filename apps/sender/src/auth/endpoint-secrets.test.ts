import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretsFormatError } from '../delivery/secrets-resolver.js';
import { uuidv7 } from '../ids/uuidv7.js';
import { keyIdOf } from '../security/encryption-key.js';
import { SecretBox } from '../security/secret-box.js';
import { newEndpoint } from '../store/contract/fixtures.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { sampleEndpoint } from '../testing/fixtures.js';
import {
  activeSecrets,
  createRotatingSecretsResolver,
  openSecrets,
  rotateSecrets,
  sealSecrets,
  secretHint,
} from './endpoint-secrets.js';

const key = randomBytes(32);
const box = new SecretBox({ current: { id: keyIdOf(key), key } });
const T = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('endpoint secrets', () => {
  it('seals to ciphertext that opens only for the same endpoint', () => {
    const sealed = sealSecrets(box, 'ep-1', {
      secrets: [{ value: 'whsec_abc' }],
      headers: { 'X-Key': 'hdr-val' },
    });
    expect(sealed).not.toContain('whsec_abc');
    expect(sealed).not.toContain('hdr-val');
    expect(openSecrets(box, 'ep-1', sealed)).toEqual({
      secrets: [{ value: 'whsec_abc' }],
      headers: { 'X-Key': 'hdr-val' },
    });
    expect(() => openSecrets(box, 'ep-2', sealed)).toThrow(SecretsFormatError);
  });

  it('refuses legacy plain JSON unless asked, and reads both string and object entries', () => {
    const legacy = JSON.stringify({ secrets: ['old-style'], headers: {} });
    expect(() => openSecrets(box, 'ep-1', legacy)).toThrow(/legacy plain JSON/);
    expect(openSecrets(box, 'ep-1', legacy, { acceptLegacyPlainJson: true }).secrets).toEqual([
      { value: 'old-style' },
    ]);
    const error = (() => {
      try {
        openSecrets(box, 'ep-1', JSON.stringify({ secrets: [{ value: 'leak-me', expiresAt: 'soon' }] }), {
          acceptLegacyPlainJson: true,
        });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/secrets\[0\]\.expiresAt/);
    expect(error?.message).not.toContain('leak-me');
  });

  it('rotates with an overlap, never extends an earlier expiry, and drops expired secrets', () => {
    const start = { secrets: [{ value: 's1' }], headers: { A: 'b' } };
    const once = rotateSecrets(start, 's2', T, 24 * HOUR);
    expect(once).toEqual({
      secrets: [{ value: 's2' }, { value: 's1', expiresAt: T + 24 * HOUR }],
      headers: { A: 'b' },
    });
    const twice = rotateSecrets(once, 's3', T + HOUR, 48 * HOUR);
    expect(twice.secrets).toEqual([
      { value: 's3' },
      { value: 's2', expiresAt: T + 49 * HOUR },
      { value: 's1', expiresAt: T + 24 * HOUR },
    ]);
    expect(activeSecrets(twice, T + 24 * HOUR).secrets.map((s) => s.value)).toEqual(['s3', 's2']);
    expect(rotateSecrets(once, 's3', T, 0).secrets).toEqual([{ value: 's3' }]);
  });

  it('resolves for the worker with the injected clock deciding what still signs', async () => {
    let now = T;
    const sealed = sealSecrets(
      box,
      'ep_1',
      rotateSecrets({ secrets: [{ value: 'old' }], headers: {} }, 'new', T, HOUR),
    );
    const resolve = createRotatingSecretsResolver(box, { now: () => now });
    const endpoint = sampleEndpoint({ id: 'ep_1', secretsSealed: sealed });
    expect((await resolve(endpoint)).secrets).toEqual(['new', 'old']);
    now = T + HOUR;
    expect((await resolve(endpoint)).secrets).toEqual(['new']);
  });

  it('hints with a short fingerprint, never the secret', () => {
    const hint = secretHint('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(hint).toMatch(/^sha256:[0-9a-f]{8}$/);
    expect(secretHint('whsec_other')).not.toBe(hint);
  });
});

describe('sealed endpoint secrets in a real SQLite store', () => {
  const SECRETS = {
    secrets: [{ value: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, { value: 'whsec_previousOne' }],
    headers: { Authorization: 'Bearer family-token-2f9c' },
  };
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskhooks-sealed-'));
    store = await openStore({ dataDir: dir });
    await store.createTenant({ id: 'family-1', name: 'Family', entitlement: 'active' }, Date.now());
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function saveEndpoint(secretsFor: (id: string) => string) {
    const id = uuidv7();
    return store.createEndpoint(newEndpoint('family-1', { id, secretsSealed: secretsFor(id) }), Date.now());
  }
  const resolve = (options: { acceptLegacyPlainJson?: boolean } = {}) =>
    createRotatingSecretsResolver(box, { now: () => T, ...options });

  it('opens what was sealed and stored; the database files never hold the plaintext', async () => {
    const endpoint = await saveEndpoint((id) => sealSecrets(box, id, SECRETS));
    const loaded = await store.getEndpoint(endpoint.id);
    expect(await resolve()(loaded!)).toEqual({
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_previousOne'],
      headers: SECRETS.headers,
    });

    await store.close();
    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)).toString('latin1'));
    expect(files.join('')).not.toContain('whsec_MfKQ9r8G');
    expect(files.join('')).not.toContain('family-token-2f9c');
    store = await openStore({ dataDir: dir });
  });

  it('a sealed value copied onto another endpoint does not open there', async () => {
    const a = await saveEndpoint((id) => sealSecrets(box, id, SECRETS));
    const b = await saveEndpoint((id) =>
      sealSecrets(box, id, { secrets: [{ value: 'other' }], headers: {} }),
    );
    const swapped = await store.updateEndpoint(b.id, { secretsSealed: a.secretsSealed }, Date.now());
    await expect(resolve()(swapped!)).rejects.toThrow(
      new RegExp(`^secrets of endpoint ${b.id} are unreadable: .*another record`),
    );
  });

  it('refuses to seal what could not be opened again', () => {
    const bad = { secrets: [{ value: 42 as unknown as string }], headers: {} };
    expect(() => sealSecrets(box, 'ep-a', bad)).toThrow(/"secrets\[0\]" must be a string/);
  });

  it('legacy plain JSON is refused unless the upgrade option accepts it', async () => {
    const legacy = await saveEndpoint(() => JSON.stringify(SECRETS));
    await expect(resolve()(legacy)).rejects.toThrow(/stored unencrypted \(legacy plain JSON\); re-seal it/);
    expect((await resolve({ acceptLegacyPlainJson: true })(legacy)).headers).toEqual(SECRETS.headers);
  });
});
