import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretsFormatError } from '../delivery/secrets-resolver.js';
import { uuidv7 } from '../ids/uuidv7.js';
import { newEndpoint } from '../store/contract/fixtures.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { keyIdOf } from './encryption-key.js';
import {
  createSealedSecretsResolver,
  openEndpointSecrets,
  sealEndpointSecrets,
} from './sealed-secrets-resolver.js';
import { SecretBox } from './secret-box.js';

const key = randomBytes(32);
const box = new SecretBox({ current: { id: keyIdOf(key), key } });
const SECRETS = {
  secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_previousOne'],
  headers: { Authorization: 'Bearer family-token-2f9c' },
};

describe('sealEndpointSecrets / openEndpointSecrets', () => {
  it('round-trips secrets and headers for the same endpoint only', () => {
    const sealed = sealEndpointSecrets(box, 'ep-a', SECRETS);
    expect(sealed.startsWith(`v1.${box.currentKeyId}.`)).toBe(true);
    expect(sealed).not.toContain('whsec');
    expect(openEndpointSecrets(box, 'ep-a', sealed)).toEqual(SECRETS);
    expect(() => openEndpointSecrets(box, 'ep-b', sealed)).toThrow(SecretsFormatError);
    expect(() => openEndpointSecrets(box, 'ep-b', sealed)).toThrow(
      /^secrets of endpoint ep-b are unreadable: sealed value does not authenticate/,
    );
  });

  it('refuses to seal what the resolver could not read back', () => {
    const bad = { secrets: [42 as unknown as string], headers: {} };
    expect(() => sealEndpointSecrets(box, 'ep-a', bad)).toThrow(/"secrets" must be an array of strings/);
  });
});

describe('createSealedSecretsResolver against a real SQLite store', () => {
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

  it('opens what was sealed and stored; the database never holds the plaintext', async () => {
    const endpoint = await saveEndpoint((id) => sealEndpointSecrets(box, id, SECRETS));
    const loaded = await store.getEndpoint(endpoint.id);
    const resolve = createSealedSecretsResolver(box);
    expect(await resolve(loaded!)).toEqual(SECRETS);

    await store.close();
    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)).toString('latin1'));
    expect(files.join('')).not.toContain('whsec_MfKQ9r8G');
    expect(files.join('')).not.toContain('family-token-2f9c');
    store = await openStore({ dataDir: dir });
  });

  it('a sealed value copied onto another endpoint does not open there', async () => {
    const a = await saveEndpoint((id) => sealEndpointSecrets(box, id, SECRETS));
    const b = await saveEndpoint((id) => sealEndpointSecrets(box, id, { secrets: ['other'], headers: {} }));
    const swapped = await store.updateEndpoint(b.id, { secretsSealed: a.secretsSealed }, Date.now());
    await expect(createSealedSecretsResolver(box)(swapped!)).rejects.toThrow(
      new RegExp(`^secrets of endpoint ${b.id} are unreadable: .*another record`),
    );
  });

  it('legacy plain JSON is refused unless the upgrade option accepts it', async () => {
    const legacy = await saveEndpoint(() => JSON.stringify(SECRETS));
    await expect(createSealedSecretsResolver(box)(legacy)).rejects.toThrow(
      /stored unencrypted \(legacy plain JSON\); re-seal it/,
    );
    expect(await createSealedSecretsResolver(box, { acceptLegacyPlainJson: true })(legacy)).toEqual(SECRETS);
  });
});
