import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Everything secret the suite produced (admin keys, API keys, endpoint secrets, custom auth header
 * values) and every place the sender wrote to (log captures, data dirs), so the security section
 * can scan each place for each secret once the whole suite has run.
 */
class SecretLedger {
  readonly #secrets = new Set<string>();
  readonly #logFiles: string[] = [];
  readonly #dataDirs: string[] = [];
  #workDir: string | null = null;

  /** Remembers a secret; short values are skipped (they would match by accident, not by leaking). */
  addSecret(value: string | null | undefined): void {
    if (typeof value === 'string' && value.length >= 16 && value.length <= 512) this.#secrets.add(value);
  }

  addLogFile(path: string): void {
    this.#logFiles.push(path);
  }

  addDataDir(path: string): void {
    this.#dataDirs.push(path);
  }

  get secrets(): ReadonlySet<string> {
    return this.#secrets;
  }

  get logFiles(): readonly string[] {
    return this.#logFiles;
  }

  get dataDirs(): readonly string[] {
    return this.#dataDirs;
  }

  /** A temp folder for this run's log captures (removed by `dispose`). */
  workDir(): string {
    this.#workDir ??= mkdtempSync(join(tmpdir(), 'th-reliability-'));
    return this.#workDir;
  }

  /** Deletes every capture and data dir once they were scanned. */
  dispose(): void {
    for (const dir of [...this.#dataDirs, ...(this.#workDir ? [this.#workDir] : [])]) {
      rmSync(dir, { recursive: true, force: true });
    }
    this.#dataDirs.length = 0;
    this.#logFiles.length = 0;
    this.#workDir = null;
  }
}

export const secretLedger = new SecretLedger();
