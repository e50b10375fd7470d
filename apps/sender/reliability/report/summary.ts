import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  FaultResult,
  FuzzResult,
  ReliabilityScale,
  SecurityCheckResult,
  SoakResult,
} from '../result-types.js';

export interface ReliabilitySummary {
  scale: ReliabilityScale;
  startedAt: string;
  seconds: number;
  seed: number;
  faults: FaultResult[];
  fuzz: FuzzResult[];
  security: SecurityCheckResult[];
  soak: SoakResult | null;
  /** Parts that threw instead of reporting (a scenario that could not run is a failure too). */
  errors: string[];
}

/** Every reason the run fails; empty = passed. */
export function failuresOf(summary: ReliabilitySummary): string[] {
  return [
    ...summary.errors,
    ...summary.faults.filter((f) => f.lost > 0).map((f) => `fault ${f.name}: ${f.lost} lost`),
    ...summary.fuzz.filter((f) => f.failures > 0).map((f) => `fuzz ${f.target}: ${f.failures} failures`),
    ...summary.security.filter((s) => !s.passed).map((s) => `security: ${s.check}`),
    ...(summary.soak?.problems ?? []).map((p) => `soak: ${p}`),
  ];
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
const cell = (text: string | number) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;

/** The one summary table (four sections), as Markdown: printed by the runner and saved beside the JSON. */
export function renderSummary(summary: ReliabilitySummary): string {
  const failures = failuresOf(summary);
  const lines = [
    `## taskhooks reliability suite — ${summary.scale} scale: ${failures.length === 0 ? 'PASSED' : 'FAILED'}`,
    '',
    `${summary.startedAt}, ${Math.round(summary.seconds)} s, fast-check seed ${summary.seed}`,
    '',
    row(['fault', 'published', 'delivered', 'duplicates', 'lost']),
    '| --- | ---: | ---: | ---: | ---: |',
    ...summary.faults.map((f) => row([f.name, f.published, f.delivered, f.duplicates, f.lost])),
    ...(summary.faults.length === 0 ? [row(['(no fault scenarios ran)', '', '', '', ''])] : []),
    '',
    row(['fuzz target', 'cases', 'failures', 'cases by kind']),
    '| --- | ---: | ---: | --- |',
    ...summary.fuzz.map((f) =>
      row([
        f.target,
        f.cases,
        f.failures,
        Object.entries(f.breakdown)
          .map(([k, n]) => `${k} ${n}`)
          .join(', '),
      ]),
    ),
    '',
    row(['security check', 'result', 'detail']),
    '| --- | --- | --- |',
    ...summary.security.map((s) => row([s.check, s.passed ? 'pass' : 'FAIL', s.detail])),
    '',
    ...soakRows(summary.soak),
  ];
  if (failures.length > 0) lines.push('', '**Failures**', '', ...failures.map((f) => `- ${f}`));
  const examples = summary.fuzz.flatMap((f) => f.failureExamples.map((e) => `- ${f.target}: ${e}`));
  if (examples.length > 0) lines.push('', '**First fuzz failures**', '', ...examples);
  const notes = summary.faults.flatMap((f) => (f.notes ?? []).map((n) => `- ${f.name}: ${n}`));
  if (notes.length > 0) lines.push('', '**Fault notes**', '', ...notes);
  return `${lines.join('\n')}\n`;
}

function soakRows(soak: SoakResult | null): string[] {
  if (!soak) return [row(['soak', '(did not run)']), '| --- | --- |'];
  const states = Object.entries(soak.failingEndpointStates)
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  return [
    row(['soak', 'figure']),
    '| --- | --- |',
    row([
      'duration, rate',
      `${soak.seconds} s at ${soak.targetRatePerSec} events/s target; achieved ${soak.achievedRatePerSec} events/s${soak.skippedCalls > 0 ? ` (${soak.skippedCalls} calls could not start on time)` : ''}`,
    ]),
    row([
      'published / delivered / duplicates / lost (healthy endpoints)',
      `${soak.published} / ${soak.delivered} / ${soak.duplicates} / ${soak.lost}`,
    ]),
    row([
      'publish→delivered latency',
      `p50 ${soak.latencyMs.p50} ms, p99 ${soak.latencyMs.p99} ms, max ${soak.latencyMs.max} ms`,
    ]),
    row([
      'RSS (MiB)',
      `start ${soak.rssMiB.start}, after warm-up ${soak.rssMiB.afterWarmup}, max ${soak.rssMiB.max}, end ${soak.rssMiB.end} (${soak.rssMiB.samples.length} samples)`,
    ]),
    row([
      'database before → after retention purge',
      `file ${mib(soak.database.fileBytesBefore)} → ${mib(soak.database.fileBytesAfter)}; live pages ${mib(soak.database.liveBytesBefore)} → ${mib(soak.database.liveBytesAfter)} (purged ${soak.purged.attemptsDeleted} attempts, ${soak.purged.payloadsCleared} payloads, ${soak.purged.deliveriesDeleted} deliveries, ${soak.purged.messagesDeleted} messages)`,
    ]),
    row(['failing endpoint (1 %) deliveries', states || '(none)']),
  ];
}

/** Writes summary.json and summary.md (and a timestamped copy of each) to `dir`. */
export function writeSummary(dir: string, summary: ReliabilitySummary): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = summary.startedAt.replaceAll(':', '-').replace(/\..*$/, '');
  const json = JSON.stringify({ ...summary, failures: failuresOf(summary) }, null, 2);
  const markdown = renderSummary(summary);
  for (const name of [`${summary.scale}-latest`, `${summary.scale}-${stamp}`]) {
    writeFileSync(join(dir, `${name}.json`), json);
    writeFileSync(join(dir, `${name}.md`), markdown);
  }
  return {
    json: join(dir, `${summary.scale}-latest.json`),
    markdown: join(dir, `${summary.scale}-latest.md`),
  };
}
