import { createRequire, syncBuiltinESMExports } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { adminKeyAuthenticator } from '../../src/auth/admin-key.js';
import { generateApiKey, verifyApiKey } from '../../src/security/api-keys.js';
import { SENDER_ROOT } from '../../src/testing/sender-process.js';
import type { SecurityCheckResult } from '../result-types.js';
import { findNonConstantTimeCompares, scanRepositoryForTimingLeaks } from './timing-safe-static.js';

const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');

/** Calls of crypto.timingSafeEqual made while `fn` runs, with the byte lengths compared. */
function countTimingSafeEqual(fn: () => unknown): { calls: number[][]; result: unknown } {
  const original = crypto.timingSafeEqual;
  const calls: number[][] = [];
  crypto.timingSafeEqual = ((a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    calls.push([a.byteLength, b.byteLength]);
    return original(a, b);
  }) as typeof original;
  syncBuiltinESMExports(); // the sender's `import { timingSafeEqual }` bindings now see the wrapper
  try {
    return { calls, result: fn() };
  } finally {
    crypto.timingSafeEqual = original;
    syncBuiltinESMExports();
  }
}

/** Wrong keys that differ early, late, in length, or not at all from the real one. */
function impostorsOf(key: string): string[] {
  const flip = (i: number) => `${key.slice(0, i)}${key[i] === 'A' ? 'B' : 'A'}${key.slice(i + 1)}`;
  return [
    flip(0),
    flip(Math.floor(key.length / 2)),
    flip(key.length - 1),
    key.slice(0, -1),
    `${key}x`,
    'x',
    key.repeat(3),
  ];
}

/**
 * The runtime half of the timing check: every admin-key, API-key and metrics-token comparison goes
 * through crypto.timingSafeEqual on equal-length digests — once per attempt, whatever the guess —
 * and the signature schemes' compare reads every byte whether the first or the last one differs.
 */
async function probeComparisons(): Promise<string[]> {
  const problems: string[] = [];
  const adminKey = `thk_admin_${'k'.repeat(43)}`;
  const admin = adminKeyAuthenticator(adminKey);
  const apiKey = generateApiKey('tenant');
  const checks: [string, string, () => unknown, boolean][] = [
    ['admin key (also the metrics token check)', adminKey, () => admin(`Bearer ${adminKey}`), true],
    ...impostorsOf(adminKey).map((guess): [string, string, () => unknown, boolean] => [
      'admin key',
      guess,
      () => admin(`Bearer ${guess}`),
      false,
    ]),
    ['API key', apiKey.key, () => verifyApiKey(apiKey.key, apiKey.hash), true],
    ...impostorsOf(apiKey.key).map((guess): [string, string, () => unknown, boolean] => [
      'API key',
      guess,
      () => verifyApiKey(guess, apiKey.hash),
      false,
    ]),
  ];
  for (const [what, , run, accepted] of checks) {
    const { calls, result } = countTimingSafeEqual(run);
    if (Boolean(result) !== accepted)
      problems.push(`${what}: ${accepted ? 'refused the real key' : 'accepted a wrong key'}`);
    if (calls.length !== 1 || calls[0]![0] !== calls[0]![1] || calls[0]![0] !== 32) {
      problems.push(
        `${what}: compared with timingSafeEqual ${calls.length}× on ${JSON.stringify(calls)} bytes`,
      );
    }
  }

  // The signature schemes' own constant-time compare: same number of byte reads wherever the difference is.
  const signaturesDir = dirname(
    createRequire(join(SENDER_ROOT, 'package.json')).resolve('@taskhooks/signatures/package.json'),
  );
  const { constantTimeEqualBytes } = (await import(
    pathToFileURL(join(signaturesDir, 'src', 'encoding', 'constant-time.ts')).href
  )) as { constantTimeEqualBytes: (a: Uint8Array, b: Uint8Array) => boolean };
  const known = new Uint8Array(32).fill(7);
  const reads = (candidate: Uint8Array) => {
    let count = 0;
    const counted = new Proxy(candidate, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) count++;
        return Reflect.get(target, key);
      },
    });
    constantTimeEqualBytes(counted, known);
    return count;
  };
  const differsAt = (i: number) => Uint8Array.from(known, (v, j) => (j === i ? v + 1 : v));
  const counts = [reads(known.slice()), reads(differsAt(0)), reads(differsAt(16)), reads(differsAt(31))];
  if (new Set(counts).size !== 1 || counts[0] !== 32) {
    problems.push(
      `signature compare reads ${counts.join('/')} bytes for equal / first / middle / last byte different`,
    );
  }
  return problems;
}

export async function checkTimingSafeComparisons(): Promise<SecurityCheckResult[]> {
  const report = scanRepositoryForTimingLeaks();
  // The scan must be able to fail: a planted `===` between a secret and a guess has to be found.
  const planted = findNonConstantTimeCompares(
    'planted.ts',
    'export const ok = (given: string, secret: string) => given === secret;',
  );
  const staticProblems = [
    ...report.findings.map((f) => `${f.file}:${f.line} ${f.code}`),
    ...report.missingConstantTime.map((file) => `${file} verifies a secret without a constant-time compare`),
    ...(planted.length === 1 ? [] : ['self-check: a planted === between secrets was not found']),
  ];
  const probeProblems = await probeComparisons();
  return [
    {
      check: 'timing-safe comparisons: static scan of secret compares',
      passed: staticProblems.length === 0,
      detail:
        `${report.filesScanned} files: ` +
        (staticProblems.length === 0
          ? 'no === on secrets; every verifier uses a constant-time compare'
          : staticProblems.slice(0, 3).join('; ')),
    },
    {
      check: 'timing-safe comparisons: runtime probe',
      passed: probeProblems.length === 0,
      detail:
        probeProblems.length === 0
          ? 'admin key, API keys: 1 timingSafeEqual on 32-byte digests per guess; signature compare reads all 32 bytes wherever they differ'
          : probeProblems.slice(0, 3).join('; '),
    },
  ];
}
