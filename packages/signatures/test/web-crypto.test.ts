// The Web Crypto path must run without any `node:` import and produce byte-identical headers to node:crypto.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { SchemeConfig } from '../src/index.js';
import * as nodeEntry from '../src/index.js';
import * as webEntry from '../src/web.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// node:-prefixed imports, plus bare builtin names in case a build tool strips the prefix.
const NODE_IMPORT =
  /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](?:node:|(?:crypto|buffer|fs|os|path|stream|util)["'])/;
const runs = Math.max(100, Math.floor(Number(process.env.FAST_CHECK_RUNS ?? 10_000) / 20));

/**
 * Follows relative imports from `entry` and returns every file reached and every other specifier seen.
 * `resolveBare` may map a bare specifier (e.g. `#crypto`) to a file to follow instead.
 */
function importGraph(
  entry: string,
  resolveBare: (specifier: string) => string | undefined = () => undefined,
): { files: string[]; bareSpecifiers: string[] } {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const isSource = file.endsWith('.ts');
    for (const [, specifier] of source.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g,
    )) {
      const mapped = resolveBare(specifier!);
      if (mapped) visit(mapped);
      else if (specifier!.startsWith('.')) {
        visit(resolve(dirname(file), isSource ? specifier!.replace(/\.js$/, '.ts') : specifier!));
      } else bare.add(specifier!);
    }
  };
  visit(entry);
  return { files: [...seen], bareSpecifiers: [...bare] };
}

async function bundle(entry: string, platform: 'browser' | 'node'): Promise<string> {
  const result = await build({
    entryPoints: [join(packageDir, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    conditions: ['@taskhooks/source'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('web entry has no node: imports', () => {
  it('src/web.ts and everything it imports use only relative imports (no node:, no #crypto)', () => {
    const { files, bareSpecifiers } = importGraph(join(packageDir, 'src/web.ts'));
    expect(files.map((file) => file.slice(packageDir.length))).toContain('src/crypto/web.ts');
    expect(bareSpecifiers).toEqual([]);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(NODE_IMPORT);
  });

  it('the source graph check does see node:crypto behind the "node" condition (sanity check)', () => {
    expect(importGraph(join(packageDir, 'src/crypto/node.ts')).bareSpecifiers).toEqual(['node:crypto']);
  });

  it('a browser bundle of the main entry resolves #crypto to Web Crypto and contains no node: import', async () => {
    const browserBundle = await bundle('src/index.ts', 'browser');
    expect(browserBundle).toContain('crypto.subtle');
    expect(browserBundle).not.toMatch(NODE_IMPORT);
    const nodeBundle = await bundle('src/index.ts', 'node');
    expect(nodeBundle).toMatch(NODE_IMPORT);
  });

  describe('the browser bundle, run on Node with only globalThis.crypto', () => {
    const directory = mkdtempSync(join(tmpdir(), 'taskhooks-signatures-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('signs exactly like the node:crypto implementation', async () => {
      const file = join(directory, 'browser-bundle.mjs');
      writeFileSync(file, await bundle('src/index.ts', 'browser'));
      const browser = (await import(pathToFileURL(file).href)) as typeof nodeEntry;
      expect(browser.cryptoBackendName).toBe('web');
      const input = {
        scheme: { scheme: 'standard-webhooks' } as const,
        id: 'msg_bundle',
        timestamp: 1_700_000_000,
        event: 'task.completed',
        body: '{"ok":true}',
        secrets: [nodeEntry.generateSecret()],
      };
      expect(await browser.signRequest(input)).toEqual(await nodeEntry.signRequest(input));
    });
  });
  // The built dist/ is checked by scripts/check-web-build.mjs (part of package:check), not here: tests run
  // against the sources and must not race a concurrent `tsup --clean`.
});

describe('node:crypto and Web Crypto produce identical results', () => {
  it('the entries really use different backends', () => {
    expect([nodeEntry.cryptoBackendName, webEntry.cryptoBackendName]).toEqual(['node', 'web']);
  });

  const schemeArb: fc.Arbitrary<SchemeConfig> = fc.oneof(
    fc.constant({ scheme: 'standard-webhooks' as const }),
    fc.constant({ scheme: 'hmac-sha256-hex' as const }),
    fc.constant({ scheme: 'token-hash' as const }),
  );
  const secretArb = fc.oneof(
    fc
      .uint8Array({ minLength: 1, maxLength: 80 })
      .map((bytes) => `whsec_${btoa(String.fromCharCode(...bytes))}`),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  );
  const bodyArb = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 500 }),
    fc.uint8Array({ maxLength: 500 }),
  );

  it('for random schemes, secrets and bodies (text and bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        schemeArb,
        fc.array(secretArb, { minLength: 1, maxLength: 3 }),
        bodyArb,
        async (scheme, secrets, body) => {
          const usable =
            scheme.scheme === 'standard-webhooks' ? secrets.filter((s) => s.startsWith('whsec_')) : secrets;
          fc.pre(usable.length > 0);
          const input = {
            scheme,
            id: 'msg_x',
            timestamp: 1_700_000_000,
            event: 'task.created',
            body,
            secrets: usable,
          };
          const [fromNode, fromWeb] = await Promise.all([
            nodeEntry.signRequest(input),
            webEntry.signRequest(input),
          ]);
          expect(fromWeb).toEqual(fromNode);
          const verifyInput = {
            scheme,
            headers: fromNode,
            body,
            secrets: usable,
            now: () => 1_700_000_000_000,
          };
          expect(await webEntry.verifyRequest(verifyInput)).toEqual(
            await nodeEntry.verifyRequest(verifyInput),
          );
        },
      ),
      { numRuns: runs },
    );
  });
});
