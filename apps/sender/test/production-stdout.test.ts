import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type ProcessBackend, prepareProcessBackend } from '../src/testing/process-backend.js';
import { killAllSenderProcesses, startSenderProcess } from '../src/testing/sender-process.js';

let backend: ProcessBackend | null = null;
afterEach(async () => {
  await killAllSenderProcesses();
  await backend?.dispose();
  backend = null;
});

it('in production, stdout (a log stream) carries JSON lines only and never the generated admin key', async () => {
  backend = await prepareProcessBackend('sqlite');
  const sender = await startSenderProcess('serve', {
    ...backend.env,
    PORT: '0',
    TASKHOOKS_MODE: 'production',
    TASKHOOKS_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  });
  const generated = await sender.waitForLog((l) => l.msg.startsWith('admin key generated'), 'the key notice');
  const file = join(backend.env.TASKHOOKS_DATA_DIR!, 'admin.key');
  expect(generated.file).toBe(file);
  const key = readFileSync(file, 'utf8').trim();
  expect(key).toMatch(/^thk_admin_/);
  expect((await sender.stop('SIGTERM')).code).toBe(0);
  // Nothing but JSON log lines on stdout (a human banner is for terminals), and no key anywhere.
  expect(sender.output()).not.toContain('is running');
  expect(sender.output()).not.toContain(key);
  expect(JSON.stringify(sender.logs)).not.toContain(key);
});
