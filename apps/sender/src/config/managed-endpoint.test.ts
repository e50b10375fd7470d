import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSenderApp } from '../app.js';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { loadConfig } from './env.js';

const OPERATOR_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.close();
  temp = null;
});

/** Builds (never starts) a production sender with these variables on a real SQLite store. */
async function productionApp(variables: Record<string, string>) {
  temp = await openTempStore('sqlite');
  const env = {
    TASKHOOKS_MODE: 'production',
    TASKHOOKS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'th-managed-')), 'data'),
    TASKHOOKS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TASKHOOKS_ADMIN_KEY: 'admin-key-0123456789-abcdefghij',
    ...variables,
  };
  return createSenderApp({
    config: loadConfig(env),
    env,
    api: false,
    worker: false,
    store: temp.store,
    logger: pino({ level: 'silent' }),
  });
}

describe('environment-managed URLs at start, in production mode', () => {
  it.each([
    ['WEBHOOK_URL', { WEBHOOK_URL: 'https://127.0.0.1:8443/hook', WEBHOOK_SECRET: OPERATOR_SECRET }],
    [
      'TASKHOOKS_OPERATOR_WEBHOOK_URL',
      {
        TASKHOOKS_OPERATOR_WEBHOOK_URL: 'https://10.1.2.3/ops',
        TASKHOOKS_OPERATOR_WEBHOOK_SECRET: OPERATOR_SECRET,
      },
    ],
  ])(
    '%s that every delivery would refuse stops the start, naming the variable',
    async (variable, variables) => {
      await expect(productionApp(variables)).rejects.toThrow(
        new RegExp(
          `^Invalid configuration in environment variables:\\n  ${variable}: .*(loopback|private).*TASKHOOKS_DESTINATION_ALLOWLIST`,
        ),
      );
      // Refused before anything was written.
      expect(await temp!.store.listTenants()).toHaveLength(1);
    },
  );

  it('a plain-http or allow-listed private URL is told apart: refused, then accepted once allowed', async () => {
    await expect(
      productionApp({ WEBHOOK_URL: 'http://93.184.216.34/hook', WEBHOOK_SECRET: OPERATOR_SECRET }),
    ).rejects.toThrow(/WEBHOOK_URL: .*https/);
    await temp!.close();
    const app = await productionApp({
      WEBHOOK_URL: 'https://127.0.0.1:8443/hook',
      WEBHOOK_SECRET: OPERATOR_SECRET,
      TASKHOOKS_DESTINATION_ALLOWLIST: '127.0.0.1/32',
    });
    expect(await app.store.getEndpoint('00000000-0000-7000-8000-00000000e0e0')).toMatchObject({
      url: 'https://127.0.0.1:8443/hook',
    });
    await app.stop();
    temp = null; // stop() closed the store
  });

  it('is not checked while sending is off, nor refused for what delivery lets through', async () => {
    const off = await productionApp({ WEBHOOK_ENABLED: 'false', WEBHOOK_URL: 'https://10.1.2.3/audit' });
    expect(await off.store.getEndpoint('00000000-0000-7000-8000-00000000e0e0')).toMatchObject({
      enabled: false,
    });
    await off.stop();
    temp = null; // stop() closed the store
  });

  it('refuses credentials in the URL (never sent, and listed in plain text), naming the variable, sending on or off', async () => {
    for (const enabled of ['true', 'false']) {
      const started = productionApp({
        WEBHOOK_ENABLED: enabled,
        WEBHOOK_URL: 'https://user:SECRETVAL@93.184.216.34/hook',
        WEBHOOK_SECRET: OPERATOR_SECRET,
      });
      await expect(started).rejects.toThrow(
        /WEBHOOK_URL: must not contain credentials.*put them in a header instead \(WEBHOOK_HEADERS/,
      );
      await expect(started).rejects.not.toThrow(/SECRETVAL/);
      await temp?.close();
      temp = null;
    }
    const operator = productionApp({
      TASKHOOKS_OPERATOR_WEBHOOK_URL: 'https://ops:SECRETVAL@93.184.216.34/ops',
      TASKHOOKS_OPERATOR_WEBHOOK_SECRET: OPERATOR_SECRET,
    });
    await expect(operator).rejects.toThrow(
      /TASKHOOKS_OPERATOR_WEBHOOK_URL: must not contain credentials.*TASKHOOKS_OPERATOR_WEBHOOK_SECRET/,
    );
  });
});
