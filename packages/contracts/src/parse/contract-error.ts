import type { z } from 'zod';

export interface ContractIssue {
  /** Dotted path of the failing field, e.g. `tasks.1.reward_currency` (empty for the root). */
  path: string;
  /** Why it failed, phrased so the sender knows what to fix. */
  message: string;
  /** Machine-readable reason (zod issue code, or one of ours: unknown_event, invariant). */
  code: string;
}

/** Raised (or returned) when a payload does not match its contract. Lists every failing path. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly issues: ContractIssue[];
  readonly model: string;
  readonly event: string | undefined;

  constructor(model: string, event: string | undefined, issues: ContractIssue[]) {
    const where = event ? `${model} ${event}` : model;
    const lines = issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    super(
      `Invalid ${where} payload (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.issues = issues;
    this.model = model;
    this.event = event;
  }
}

export function pathToString(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

export function issuesFromZod(error: z.ZodError): ContractIssue[] {
  return error.issues.map((issue) => ({
    path: pathToString(issue.path),
    message: describeZodIssue(issue),
    code: issue.code,
  }));
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}; the contract does not allow extra fields`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}
