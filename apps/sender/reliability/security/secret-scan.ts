import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { SecurityCheckResult } from '../result-types.js';
import { secretLedger } from '../support/secret-ledger.js';

const TOKEN_CHARS = /^[A-Za-z0-9+/=_-]+$/;
const TOKEN_RUNS = /[A-Za-z0-9+/=_-]{16,}/g;
const BOUNDARY = /[+/=_-]/;
const CHUNK_BYTES = 32 * 1024 * 1024;
/** Longest secret the ledger keeps; chunks overlap by this much so no secret straddles unseen. */
const OVERLAP = 512;

export interface LeakFinding {
  file: string;
  /** Never the secret itself: its length and first 4 characters, enough to tell which kind leaked. */
  secretHint: string;
}

/** Every secret is looked up by its first 16 characters. */
const PREFIX = 16;

/**
 * Finds secrets in files in one pass per file. Secrets are base64/base64url/hex tokens (API keys,
 * endpoint secrets, bearer tokens; header values are registered by their random token), so the
 * text is cut into runs of those characters and each place a secret could start — the start of a
 * run or right after a `+/=_-` inside it (`sha256=<hex>`, `whsec_…`) — is looked up by prefix.
 * The cost is one Map lookup per candidate start, however many secrets there are. Anything else
 * is searched for directly.
 */
export function scanFilesForSecrets(files: readonly string[], secrets: ReadonlySet<string>): LeakFinding[] {
  const byPrefix = new Map<string, string[]>();
  const others: Buffer[] = [];
  for (const secret of secrets) {
    if (!TOKEN_CHARS.test(secret)) {
      others.push(Buffer.from(secret, 'utf8'));
      continue;
    }
    const key = secret.slice(0, PREFIX);
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), secret]);
  }
  const findings: LeakFinding[] = [];
  for (const file of files) {
    const found = new Set<string>();
    forEachChunk(file, (chunk) => {
      const text = chunk.toString('latin1');
      for (const match of text.matchAll(TOKEN_RUNS)) {
        const run = match[0];
        for (let start = 0; start + PREFIX <= run.length; start++) {
          if (start > 0 && !BOUNDARY.test(run[start - 1]!)) continue;
          const candidates = byPrefix.get(run.slice(start, start + PREFIX));
          for (const secret of candidates ?? []) if (run.startsWith(secret, start)) found.add(secret);
        }
      }
      for (const needle of others) if (chunk.includes(needle)) found.add(needle.toString('utf8'));
    });
    for (const secret of found)
      findings.push({ file, secretHint: `${secret.slice(0, 4)}… (${secret.length} chars)` });
  }
  return findings;
}

function forEachChunk(file: string, visit: (chunk: Buffer) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES + OVERLAP);
    let carried = 0;
    let position = 0;
    for (;;) {
      const read = readSync(fd, buffer, carried, CHUNK_BYTES, position);
      if (read === 0) break;
      position += read;
      const filled = carried + read;
      visit(buffer.subarray(0, filled));
      carried = Math.min(OVERLAP, filled);
      buffer.copy(buffer, 0, filled - carried, filled);
    }
  } finally {
    closeSync(fd);
  }
}

/** Every file a data dir holds (the SQLite database, its WAL, key files are skipped by name). */
function dataFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith('taskhooks.db'))
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** The suite-wide scans: every captured log line and every database file the suite's senders wrote. */
export function runSecretScans(): SecurityCheckResult[] {
  const secrets = secretLedger.secrets;
  const logFiles = secretLedger.logFiles;
  const dbFiles = secretLedger.dataDirs.flatMap(dataFiles);
  const bytes = (files: readonly string[]) =>
    files.reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
  const describe = (files: readonly string[], findings: LeakFinding[]) =>
    `${secrets.size} secrets × ${files.length} files (${(bytes(files) / 1048576).toFixed(1)} MiB): ` +
    (findings.length === 0
      ? 'none found'
      : `${findings.length} found: ${findings
          .slice(0, 3)
          .map((f) => `${f.secretHint} in ${f.file}`)
          .join('; ')}`);
  // The scanner must be able to fail: a planted secret in a scratch file has to be found.
  const planted = join(secretLedger.workDir(), 'planted-secret.txt');
  const sample = [...secrets].at(-1) ?? '';
  writeFileSync(planted, `{"level":20,"msg":"x","value":"${sample}"}\n`);
  const selfCheck = sample !== '' && scanFilesForSecrets([planted], secrets).length === 1;
  rmSync(planted);
  const inLogs = scanFilesForSecrets(logFiles, secrets);
  const inDatabases = scanFilesForSecrets(dbFiles, secrets);
  return [
    {
      check: 'secrets absent from every log line (debug level)',
      passed: selfCheck && logFiles.length > 0 && inLogs.length === 0,
      detail: describe(logFiles, inLogs),
    },
    {
      check: 'secrets absent from attempt records and database files',
      passed: selfCheck && dbFiles.length > 0 && inDatabases.length === 0,
      detail: describe(dbFiles, inDatabases),
    },
  ];
}
