import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isLegacyPlainJson, openSecrets } from '../auth/endpoint-secrets.js';
import { parseEncryptionKey } from '../security/encryption-key.js';
import { SecretBox } from '../security/secret-box.js';
import type { Store } from '../store/types.js';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { loadConfig } from './env.js';
import { applyEnvEndpoint, ENV_ENDPOINT_ID } from './env-endpoint.js';

const SECRET = 'whsec_ZW52LWVuZHBvaW50LXNlY3JldC12YWx1ZQ==';
const HEADER = 'Bearer env-header-token-0123456789';

let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.close();
  temp = null;
});

/** The real store, with every value written to it recorded: proves what reached the store. */
function recordingWrites(store: Store): { store: Store; written: () => string } {
  const writes: unknown[] = [];
  const recorded = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === 'createEndpoint' || property === 'updateEndpoint' || property === 'upsertEndpoint')
          writes.push(args);
        return value.apply(target, args);
      };
    },
  });
  return { store: recorded, written: () => JSON.stringify(writes) };
}

describe('applyEnvEndpoint', () => {
  it('seals WEBHOOK_SECRET and WEBHOOK_HEADERS before they reach the store: never a plaintext write', async () => {
    temp = await openTempStore('sqlite');
    const box = new SecretBox({
      current: parseEncryptionKey(randomBytes(32).toString('base64'), 'test key'),
    });
    const { store, written } = recordingWrites(temp.store);
    const config = loadConfig({
      WEBHOOK_URL: 'http://127.0.0.1:9/hook',
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_HEADERS: JSON.stringify({ Authorization: HEADER }),
    });
    await applyEnvEndpoint(store, config, 1000, box);
    await applyEnvEndpoint(store, config, 2000, box); // a restart updates the same endpoint
    expect(written()).toContain(ENV_ENDPOINT_ID);
    expect(written()).not.toContain(SECRET);
    expect(written()).not.toContain('env-header-token');

    const stored = (await temp.store.getEndpoint(ENV_ENDPOINT_ID))!;
    expect(isLegacyPlainJson(stored.secretsSealed)).toBe(false);
    expect(openSecrets(box, ENV_ENDPOINT_ID, stored.secretsSealed)).toEqual({
      secrets: [{ value: SECRET }],
      headers: { Authorization: HEADER },
    });
  });

  it('re-seals a plaintext record left by an older version when WEBHOOK_URL is no longer set', async () => {
    temp = await openTempStore('sqlite');
    const box = new SecretBox({
      current: parseEncryptionKey(randomBytes(32).toString('base64'), 'test key'),
    });
    const legacy = JSON.stringify({ secrets: [SECRET], headers: {} });
    await temp.addEndpoint('http://127.0.0.1:9/old', { id: ENV_ENDPOINT_ID, secretsSealed: legacy });
    await applyEnvEndpoint(temp.store, loadConfig({}), 1000, box);
    const stored = (await temp.store.getEndpoint(ENV_ENDPOINT_ID))!;
    expect(stored.secretsSealed).not.toContain(SECRET);
    expect(openSecrets(box, ENV_ENDPOINT_ID, stored.secretsSealed).secrets).toEqual([{ value: SECRET }]);
  });
});

describe.each(['sqlite', 'postgres'] as const)('applyEnvEndpoint at start on %s', (backend) => {
  const box = () =>
    new SecretBox({ current: parseEncryptionKey(randomBytes(32).toString('base64'), 'test key') });
  const config = () =>
    loadConfig({
      WEBHOOK_URL: 'http://127.0.0.1:9/hook',
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_TENANT: 'env-tenant',
    });

  it('several processes starting at once on a fresh store all start, with one endpoint', async () => {
    temp = await openTempStore(backend);
    const sealer = box();
    const starts = await Promise.all(
      [1, 2, 3].map(() => applyEnvEndpoint(temp!.store, config(), Date.now(), sealer)),
    );
    expect(starts.map((s) => s.sendingEnabled)).toEqual([true, true, true]);
    const endpoints = await temp.store.listEndpoints('env-tenant');
    expect(endpoints.map((e) => [e.id, e.url])).toEqual([[ENV_ENDPOINT_ID, 'http://127.0.0.1:9/hook']]);
  });

  it('an env endpoint deleted through the API comes back at the next start, with its secret', async () => {
    temp = await openTempStore(backend);
    const sealer = box();
    await applyEnvEndpoint(temp.store, config(), Date.now(), sealer);
    expect(await temp.store.deleteEndpoint(ENV_ENDPOINT_ID)).toBe(true);
    const start = await applyEnvEndpoint(temp.store, config(), Date.now(), sealer);
    expect(start.sendingEnabled).toBe(true);
    const restored = (await temp.store.getEndpoint(ENV_ENDPOINT_ID))!;
    expect(restored).toMatchObject({ tenantId: 'env-tenant', url: 'http://127.0.0.1:9/hook', enabled: true });
    expect(openSecrets(sealer, ENV_ENDPOINT_ID, restored.secretsSealed).secrets).toEqual([{ value: SECRET }]);
  });

  it('a changed WEBHOOK_TENANT is refused at start, naming the variable, instead of sending that tenant nothing', async () => {
    temp = await openTempStore(backend);
    const sealer = box();
    await applyEnvEndpoint(temp.store, config(), Date.now(), sealer);
    const moved = loadConfig({
      WEBHOOK_URL: 'http://127.0.0.1:9/hook',
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_TENANT: 'new-tenant',
    });
    await expect(applyEnvEndpoint(temp.store, moved, Date.now(), sealer)).rejects.toThrow(
      /WEBHOOK_TENANT: the env-only endpoint was created for another tenant \(.*belongs to tenant env-tenant, not new-tenant\); set WEBHOOK_TENANT back/,
    );
    expect(await temp.store.getEndpoint(ENV_ENDPOINT_ID)).toMatchObject({ tenantId: 'env-tenant' });
    expect(await temp.store.getTenant('new-tenant')).toBeNull(); // refused before anything is created
  });

  it('with sending off and no URL, the tenant the application publishes to still exists', async () => {
    temp = await openTempStore(backend);
    await applyEnvEndpoint(
      temp.store,
      loadConfig({ WEBHOOK_ENABLED: 'false', WEBHOOK_TENANT: 'quiet' }),
      Date.now(),
      box(),
    );
    expect(await temp.store.getTenant('quiet')).toMatchObject({ id: 'quiet', entitlement: 'active' });
    expect(await temp.store.getEndpoint(ENV_ENDPOINT_ID)).toBeNull();
  });
});
