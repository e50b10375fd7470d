import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { planFailedExample } from './support/payloads.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'receiver-web-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// What a Worker/Deno/edge bundle of the main entry looks like: platform "neutral" resolves no
// Node built-ins, and without the "node" condition @taskhooks/signatures picks Web Crypto.
const driver = `
import { createReceiver } from './src/index.ts';
import { cryptoBackendName, generateSecret, signRequest } from '@taskhooks/signatures';

export async function run(payload) {
  const secret = generateSecret();
  const seen = [];
  const receiver = createReceiver({ secret, model: 'plan_bound_v2' }).on('plan.failed', (d) => { seen.push(d.payload.child_name); });
  const body = JSON.stringify(payload);
  const headers = await signRequest({ scheme: { scheme: 'standard-webhooks' }, id: 'msg_web', timestamp: Math.floor(Date.now() / 1000), event: payload.event, body, secrets: [secret] });
  const ok = await receiver.fetch(new Request('https://worker.example/webhooks', { method: 'POST', headers, body }));
  const tampered = await receiver.fetch(new Request('https://worker.example/webhooks', { method: 'POST', headers, body: body.replace('Misi', 'Bob') }));
  return { backend: cryptoBackendName, ok: ok.status, tampered: tampered.status, seen };
}
`;

describe('main entry in a Web-Crypto-only runtime', () => {
  it('bundles for a neutral platform without any node: module, and receives with Web Crypto', async () => {
    const result = await build({
      stdin: { contents: driver, resolveDir: packageDir, loader: 'ts', sourcefile: 'worker.ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['@taskhooks/source', 'worker', 'browser', 'import', 'default'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/);

    const file = join(workDir, 'worker.mjs');
    writeFileSync(file, code);
    const worker = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
      run(payload: unknown): Promise<{ backend: string; ok: number; tampered: number; seen: string[] }>;
    };
    expect(await worker.run(planFailedExample())).toEqual({
      backend: 'web',
      ok: 200,
      tampered: 401,
      seen: ['Misi'],
    });
  });
});
