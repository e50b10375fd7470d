import type { FuzzResult } from '../result-types.js';

/** Counts cases and failures of one target, keeping the first few failures for the report. */
export class FuzzTally {
  cases = 0;
  failures = 0;
  readonly breakdown: Record<string, number> = {};
  readonly failureExamples: string[] = [];

  constructor(readonly target: string) {}

  count(kind: string, n = 1): void {
    this.breakdown[kind] = (this.breakdown[kind] ?? 0) + n;
  }

  /** One finished case; `problem` is null when every property held. */
  record(kind: string, problem: string | null): void {
    this.cases++;
    this.count(kind);
    if (problem !== null) this.fail(problem);
  }

  /** A failure found after the fact (a count that does not add up) rather than in one case. */
  fail(problem: string): void {
    this.failures++;
    if (this.failureExamples.length < 5) this.failureExamples.push(problem.slice(0, 400));
  }

  result(): FuzzResult {
    return {
      target: this.target,
      cases: this.cases,
      failures: this.failures,
      breakdown: this.breakdown,
      failureExamples: this.failureExamples,
    };
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** Splits into consecutive chunks of `size`. */
/**
 * Feeds `cases` to `runChunk` 250 at a time and checks after each chunk that the sender still
 * answers /livez; if it stopped, that is a failure and the rest is skipped.
 */
export async function runInChunks<T>(
  sender: { alive(): Promise<boolean> },
  tally: FuzzTally,
  cases: readonly T[],
  runChunk: (chunk: T[]) => Promise<void>,
): Promise<void> {
  for (const chunk of chunks(cases, 250)) {
    await runChunk(chunk);
    if (!(await sender.alive())) {
      tally.fail('GET /livez stopped answering 200');
      return;
    }
  }
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** `issues` of a REST or tRPC error body, whichever shape it came in. */
export function issuesOf(json: unknown): { path: string; message: string; code?: string }[] {
  const body = json as {
    error?: { issues?: unknown; data?: { issues?: unknown }; json?: { data?: { issues?: unknown } } };
  };
  const issues = body?.error?.issues ?? body?.error?.data?.issues;
  return Array.isArray(issues) ? (issues as { path: string; message: string; code?: string }[]) : [];
}

/** The error message of a REST or tRPC error body. */
export function messageOf(json: unknown): string {
  const error = (json as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : '';
}
