/**
 * `pnpm test:reliability [--scale full|ci] [--only faults,fuzz,security,soak] [--seed N] [--keep]`
 *
 * Runs the fault scenarios, the fuzz targets, the security checks and the soak against real
 * processes on 127.0.0.1, prints one summary table, writes it as JSON and Markdown to
 * reliability/results/, and exits non-zero if anything was lost or failed.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { faultScenarios } from './faults/index.js';
import { fuzzTargets } from './fuzz/index.js';
import { failuresOf, type ReliabilitySummary, renderSummary, writeSummary } from './report/summary.js';
import type { ReliabilityScale } from './result-types.js';
import { runSecretScans, runSecurityChecks } from './security/index.js';
import { runSoak } from './soak/soak.js';
import { secretLedger } from './support/secret-ledger.js';

const SECTIONS = ['faults', 'fuzz', 'security', 'soak'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    only: { type: 'string' },
    seed: { type: 'string', default: '20261123' },
    keep: { type: 'boolean', default: false },
  },
});
if (values.scale !== 'full' && values.scale !== 'ci') {
  console.error(`--scale must be full or ci, got ${values.scale}`);
  process.exit(2);
}
const scale = values.scale as ReliabilityScale;
const only = new Set((values.only?.split(',') ?? SECTIONS) as Section[]);
const seed = Number(values.seed);
const started = Date.now();
const summary: ReliabilitySummary = {
  scale,
  startedAt: new Date(started).toISOString(),
  seconds: 0,
  seed,
  faults: [],
  fuzz: [],
  security: [],
  soak: null,
  errors: [],
};

const log = (message: string) =>
  console.error(`[reliability ${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`);

/** Runs one part; an exception becomes a failure of the suite, never an early exit. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T | null> {
  log(`${name} …`);
  const t0 = Date.now();
  try {
    const result = await run();
    log(`${name} done in ${Math.round((Date.now() - t0) / 1000)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    summary.errors.push(`${name}: ${message.split('\n')[0]!.slice(0, 300)}`);
    log(`${name} FAILED: ${message.slice(0, 2000)}`);
    return null;
  }
}

if (only.has('faults')) {
  for (const scenario of faultScenarios) {
    const result = await step(`fault ${scenario.name}`, () => scenario.run({ scale }));
    if (result) summary.faults.push(result);
  }
}
if (only.has('fuzz')) {
  for (const target of fuzzTargets) {
    const result = await step(`fuzz ${target.name}`, () => target.run(scale, seed));
    if (result) summary.fuzz.push(result);
  }
}
if (only.has('security')) {
  summary.security.push(...((await step('security checks', () => runSecurityChecks(scale))) ?? []));
}
if (only.has('soak')) summary.soak = await step('soak', () => runSoak(scale));
// Last: every log line and database file the suite's senders produced, searched for every secret.
summary.security.push(...((await step('secret scans', async () => runSecretScans())) ?? []));

summary.seconds = (Date.now() - started) / 1000;
const files = writeSummary(join(import.meta.dirname, 'results'), summary);
console.log(renderSummary(summary));
console.error(`summary written to ${files.markdown} and ${files.json}`);
if (values.keep)
  console.error(
    `logs and data dirs kept in ${secretLedger.workDir()} and ${secretLedger.dataDirs.join(', ')}`,
  );
else secretLedger.dispose();
process.exit(failuresOf(summary).length === 0 ? 0 : 1);
