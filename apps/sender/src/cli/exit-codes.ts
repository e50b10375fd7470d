/**
 * What the CLI's exit status means, so scripts can branch on it (documented in --help and the README).
 * Ctrl-C ending a long-running command (serve, worker, listen) is a normal end: 0.
 */
export const ExitCode = {
  ok: 0,
  /** Something failed at run time: the sender is unreachable, answered 5xx, a wait timed out. */
  failure: 1,
  /** The command line is wrong: unknown command or option, missing or malformed value. */
  usage: 2,
  /** The endpoint, delivery, tenant or file named does not exist. */
  notFound: 3,
  /** No API key, or the sender refused it (401/403). */
  auth: 4,
  /** The input was refused: a payload breaks its contract, or the API rejected a field (400). */
  invalid: 5,
  /** Ctrl-C (or SIGTERM) stopped a command before it finished: 128 + SIGINT, as shells report. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODES_HELP = `Exit codes:
  0  ok (also when Ctrl-C ends serve, worker or listen)
  1  runtime failure (sender unreachable or not answering within 30 s, server error, a wait timed out)
  2  usage error (unknown command or option, bad value)
  3  not found (endpoint, delivery, tenant, file)
  4  authentication (no API key, or the key was refused)
  5  invalid input (payload breaks its contract, or the API refused a field)
  130  interrupted (Ctrl-C before trigger, deliveries, redeliver or recover finished)`;

/** A failure the CLI explains in one message and turns into an exit code (no stack trace). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Per-field problems (`path: message`), printed as a list and included in --json errors. */
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, ExitCode.usage);
