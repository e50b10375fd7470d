import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeStandardWebhookSecret } from '@taskhooks/signatures';
import { afterEach, describe, expect, it } from 'vitest';
import { cliConfigDir, loadOrCreateListenSecret } from '../../src/cli/listen/listen-secrets.js';

const dirs: string[] = [];
const tempHome = () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskhooks-secrets-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const target = {
  apiUrl: 'http://127.0.0.1:8787',
  tenantId: 'default',
  forwardTo: 'http://localhost:3000/hooks',
};

describe('listen secrets', () => {
  it('is generated once per (sender, tenant, target), kept 0600 in a 0700 folder, and reused', () => {
    const env = { HOME: tempHome() };
    const first = loadOrCreateListenSecret(env, target);
    expect(first.created).toBe(true);
    expect(first.file).toBe(join(env.HOME, '.config', 'taskhooks', 'listen-secrets.json'));
    expect(decodeStandardWebhookSecret(first.secret)).toHaveLength(32);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(statSync(cliConfigDir(env)).mode & 0o777).toBe(0o700);

    const again = loadOrCreateListenSecret(env, target);
    expect(again).toEqual({ ...first, created: false });
    const otherTarget = loadOrCreateListenSecret(env, {
      ...target,
      forwardTo: 'http://localhost:4000/hooks',
    });
    const otherTenant = loadOrCreateListenSecret(env, { ...target, tenantId: 'household-1' });
    expect(new Set([first.secret, otherTarget.secret, otherTenant.secret]).size).toBe(3);
    expect(loadOrCreateListenSecret(env, target).secret).toBe(first.secret);
    expect(Object.keys(JSON.parse(readFileSync(first.file, 'utf8')).secrets)).toHaveLength(3);
  });

  it('honours TASKHOOKS_CONFIG_DIR and XDG_CONFIG_HOME, and refuses to overwrite a file it cannot read', () => {
    const home = tempHome();
    expect(cliConfigDir({ HOME: home, XDG_CONFIG_HOME: join(home, 'xdg') })).toBe(
      join(home, 'xdg', 'taskhooks'),
    );
    const env = { TASKHOOKS_CONFIG_DIR: join(home, 'cfg') };
    const { file } = loadOrCreateListenSecret(env, target);
    expect(file).toBe(join(home, 'cfg', 'listen-secrets.json'));
    writeFileSync(file, 'not json');
    expect(() => loadOrCreateListenSecret(env, target)).toThrow(/not a taskhooks listen secrets file/);
    expect(readFileSync(file, 'utf8')).toBe('not json');
  });
});
