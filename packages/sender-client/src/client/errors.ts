/** One problem with the request, by field: `path` is dotted (`events.0`, `payload.plan.score`). */
export interface ApiIssue {
  path: string;
  message: string;
  code?: string;
}

/**
 * The sender answered with an error. `reason` is the sender's stable code (`invalid_payload`,
 * `not_found`, `rate_limited`, …); `issues` name each offending field.
 */
export class SenderApiError extends Error {
  override readonly name = 'SenderApiError';
  readonly status: number;
  readonly reason: string;
  readonly issues: ApiIssue[];
  /** The procedure called, e.g. `events.publish`. */
  readonly procedure: string;
  /** Seconds the sender asked to wait (429 / 503), when it said. */
  readonly retryAfterSeconds: number | undefined;
  /** How many requests were made, retries included. */
  readonly attempts: number;

  constructor(init: {
    status: number;
    reason: string;
    message: string;
    issues?: ApiIssue[];
    procedure: string;
    retryAfterSeconds?: number;
    attempts: number;
  }) {
    super(`${init.procedure}: ${init.message} (HTTP ${init.status}, ${init.reason})`);
    this.status = init.status;
    this.reason = init.reason;
    this.issues = init.issues ?? [];
    this.procedure = init.procedure;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.attempts = init.attempts;
  }
}

/** No HTTP answer at all (connection refused, reset, DNS), after the retries the call allowed. */
export class SenderConnectionError extends Error {
  override readonly name = 'SenderConnectionError';
  constructor(
    readonly procedure: string,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(
      `${procedure}: could not reach the sender after ${attempts} attempt(s): ${describe(options.cause)}`,
      {
        cause: options.cause,
      },
    );
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}
