import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SENDER_ROOT } from '../../src/testing/sender-process.js';
import type { SecurityCheckResult } from '../result-types.js';
import { secretLedger } from '../support/secret-ledger.js';

/** The matrices the API and security issues built, rerun as they are (no copies). */
export const MATRIX_SUITES = [
  { check: 'tenant-isolation matrix (SQLite + PostgreSQL)', files: ['src/api/tenancy-matrix.e2e.test.ts'] },
  {
    check: 'SSRF matrix (address classes, URL guard, connect-time guard)',
    files: [
      'src/security/address-classes.test.ts',
      'src/security/ssrf-guard.test.ts',
      'src/security/ssrf-guard.integration.test.ts',
      'src/security/destination-policy.test.ts',
    ],
  },
];

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

/** Runs one matrix suite with vitest (its own process, JSON report) and reads back the counts. */
async function runSuite(suite: (typeof MATRIX_SUITES)[number]): Promise<SecurityCheckResult> {
  const vitest = join(
    createRequire(join(SENDER_ROOT, 'package.json')).resolve('vitest/package.json'),
    '..',
    'vitest.mjs',
  );
  const outputFile = join(secretLedger.workDir(), `vitest-${suite.files.length}-${Date.now()}.json`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [vitest, 'run', ...suite.files, '--reporter=json', `--outputFile=${outputFile}`],
      { cwd: SENDER_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5 * 60_000);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestJson;
    const failed = report.testResults.flatMap((file) =>
      file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
    );
    return {
      check: suite.check,
      passed: code === 0 && report.numFailedTests === 0 && report.numTotalTests > 0,
      detail:
        `${report.numPassedTests}/${report.numTotalTests} rows passed` +
        (failed.length > 0 ? `; failed: ${failed.slice(0, 3).join('; ')}` : ''),
    };
  } catch (error) {
    return {
      check: suite.check,
      passed: false,
      detail: `vitest exited ${code} without a report (${String(error)})`,
    };
  } finally {
    rmSync(outputFile, { force: true });
  }
}

export async function rerunMatrices(): Promise<SecurityCheckResult[]> {
  const results: SecurityCheckResult[] = [];
  for (const suite of MATRIX_SUITES) results.push(await runSuite(suite));
  return results;
}
