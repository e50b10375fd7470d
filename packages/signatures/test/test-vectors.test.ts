// The published vectors (generated from independent implementations) must match both backends exactly.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SchemeConfig } from '../src/index.js';
import { backends, expectSignatureError } from './backends.js';

interface Vectors {
  sign: Array<{
    name: string;
    scheme: SchemeConfig;
    input: { id: string; timestamp: number; event: string; body: string; secrets: string[] };
    expectedHeaders: Record<string, string>;
  }>;
  verifyFailures: Array<{
    name: string;
    scheme: SchemeConfig;
    headers: Record<string, string>;
    body: string;
    secrets: string[];
    nowSeconds: number;
    toleranceSeconds?: number;
    expectedError: string;
  }>;
}

const packageDir = new URL('..', import.meta.url);
const vectors = JSON.parse(
  readFileSync(new URL('test-vectors/signatures.json', packageDir), 'utf8'),
) as Vectors;

describe('test-vectors/signatures.json', () => {
  it('covers every scheme with sign and failure cases', () => {
    const schemes = ['standard-webhooks', 'hmac-sha256-hex', 'token-hash', 'header-auth'];
    for (const scheme of schemes) {
      expect(vectors.sign.filter((c) => c.scheme.scheme === scheme).length, scheme).toBeGreaterThanOrEqual(2);
      expect(
        vectors.verifyFailures.filter((c) => c.scheme.scheme === scheme).length,
        scheme,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('is shipped through the package exports map', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
    expect(pkg.exports['./test-vectors.json']).toBe('./test-vectors/signatures.json');
    expect(pkg.files).toContain('test-vectors');
  });

  it('is up to date with its generator', () => {
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/generate-test-vectors.ts', '--check'],
      {
        cwd: packageDir,
        encoding: 'utf8',
      },
    );
    expect(output).toContain('up to date');
  });
});

describe.each(backends)('test vectors (%s)', (_name, api) => {
  it.each(vectors.sign)('sign: $scheme.scheme – $name', async ({ scheme, input, expectedHeaders }) => {
    const headers = await api.signRequest({ scheme, ...input });
    expect(headers).toEqual(expectedHeaders);
    const verified = await api.verifyRequest({
      scheme,
      headers: expectedHeaders,
      body: input.body,
      secrets: input.secrets,
      now: () => input.timestamp * 1000,
    });
    expect(verified.scheme).toBe(scheme.scheme);
  });

  it.each(vectors.verifyFailures)('reject: $scheme.scheme – $name', async (vector) => {
    const error = await expectSignatureError(() =>
      api.verifyRequest({
        scheme: vector.scheme,
        headers: vector.headers,
        body: vector.body,
        secrets: vector.secrets,
        now: () => vector.nowSeconds * 1000,
        ...(vector.toleranceSeconds === undefined ? {} : { toleranceSeconds: vector.toleranceSeconds }),
      }),
    );
    expect(error.code).toBe(vector.expectedError);
  });
});
