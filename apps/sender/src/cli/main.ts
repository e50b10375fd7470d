import { commandHelp, overviewHelp } from './args/help-text.js';
import { parseCommandArgs } from './args/parse-command-args.js';
import { commands } from './commands/index.js';
import { CliError, ExitCode } from './exit-codes.js';
import { createOutput } from './output/output.js';
import { currentTarget } from './remote/current-target.js';

// Long enough for a busy machine to schedule the wrapper's forwarded copy; a person pressing Ctrl-C
// twice on purpose is slower than this.
const DUPLICATE_SIGNAL_MS = 500;

/** Runs one command line; resolves with the exit code. Never throws for expected failures. */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const json = argv.includes('--json');
  const output = createOutput({ json, stdout: process.stdout, stderr: process.stderr, env });
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !topic) return failUnknownCommand(output, rest[0]);
    process.stdout.write(
      `${topic ? commandHelp(output.style, topic) : overviewHelp(output.style, commands)}\n`,
    );
    return ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return failUnknownCommand(output, name);

  const controller = new AbortController();
  let first: { signal: NodeJS.Signals; at: number } | null = null;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl-C (or SIGTERM) means "now": the graceful stop is waiting on something. Not
    // the same signal within DUPLICATE_SIGNAL_MS of the first: a terminal's Ctrl-C reaches this process and the bin
    // wrapper, which forwards it, and systemd signals every process of a unit, so one request
    // arrives twice at once.
    if (controller.signal.aborted) {
      if (first?.signal === signal && performance.now() - first.at < DUPLICATE_SIGNAL_MS) return;
      process.stderr.write(`${signal} again: exiting without waiting for the graceful stop\n`);
      process.exit(ExitCode.interrupted);
    }
    first = { signal, at: performance.now() };
    controller.abort(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const { values, positionals } = parseCommandArgs(
      command.name,
      command.options,
      command.positionals ?? [],
      rest,
    );
    if (values.help) {
      process.stdout.write(`${commandHelp(output.style, command)}\n`);
      return ExitCode.ok;
    }
    return await command.run({ values, positionals, output, env, signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof CliError)) {
      // Ctrl-C cut an API call short: say so, not "could not reach the sender".
      output.fail(new CliError('interrupted', ExitCode.interrupted));
      return ExitCode.interrupted;
    }
    // Loaded only on failure: it pulls in the API client, which `--help` should not wait for.
    const failure =
      error instanceof CliError
        ? error
        : (await import('./remote/api-errors.js')).toCliError(error, currentTarget());
    output.fail(failure);
    return failure.exitCode;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function failUnknownCommand(output: ReturnType<typeof createOutput>, name: string): number {
  output.fail(
    new CliError(
      `unknown command "${name}"; commands: ${commands.map((c) => c.name).join(', ')}\nRun \`taskhooks --help\` for usage.`,
      ExitCode.usage,
    ),
  );
  return ExitCode.usage;
}

runCli(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = ExitCode.failure;
  },
);
