import type { ContractIssue } from '../../parse/contract-error.js';

/** Collects invariant violations; every message names the value found and what it should be. */
export class InvariantReport {
  readonly issues: ContractIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message, code: 'invariant' });
  }
}

/** Renders a value as it appears in JSON, so messages show `"failed"` vs `null` unambiguously. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Local datetimes without offset compare correctly as long as both are read the same way. */
export function isBefore(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}
