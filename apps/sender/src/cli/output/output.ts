import type { CliError } from '../exit-codes.js';
import { colorsEnabled, createStyle, type Style } from './colors.js';
import { ProgressBar, type ProgressStream } from './progress-bar.js';

export interface OutputStream extends ProgressStream {}

export interface Output {
  readonly json: boolean;
  /** Colours for stdout (all no-ops unless stdout is a colour terminal). */
  readonly style: Style;
  /** Human text on stdout; dropped with --json, where `emit` carries the same facts. */
  say(text?: string): void;
  /** One JSON document on its own line on stdout; only with --json. */
  emit(value: unknown): void;
  /** Notes and warnings on stderr, in both modes (never part of the machine output). */
  note(text: string): void;
  /** A progress bar on stderr, drawn only on a terminal and never with --json. */
  progress(label: string, total: number): ProgressBar;
  /** Reports a failure: a message (and its issues) on stderr, and `{error}` on stdout with --json. */
  fail(error: CliError): void;
}

export function createOutput(options: {
  json: boolean;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
}): Output {
  const { json, stdout, stderr, env } = options;
  const style = createStyle(!json && colorsEnabled(stdout, env));
  const errorStyle = createStyle(colorsEnabled(stderr, env));
  return {
    json,
    style,
    say(text = '') {
      if (!json) stdout.write(`${text}\n`);
    },
    emit(value) {
      if (json) stdout.write(`${JSON.stringify(value)}\n`);
    },
    note(text) {
      stderr.write(`${text}\n`);
    },
    progress(label, total) {
      return new ProgressBar(stderr, label, total, !json && stderr.isTTY === true);
    },
    fail(error) {
      const lines = [`${errorStyle.red('error')} ${error.message}`];
      for (const issue of error.issues) lines.push(`  - ${issue.path || '(root)'}: ${issue.message}`);
      stderr.write(`${lines.join('\n')}\n`);
      if (json) {
        stdout.write(
          `${JSON.stringify({ error: { message: error.message, exitCode: error.exitCode, issues: error.issues } })}\n`,
        );
      }
    },
  };
}
