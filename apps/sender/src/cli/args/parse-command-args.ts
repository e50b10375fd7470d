import { type ParseArgsConfig, parseArgs } from 'node:util';
import { usageError } from '../exit-codes.js';
import type { OptionSpecs, OptionValues, PositionalSpec } from './command-spec.js';

/**
 * node:util parseArgs in strict mode (unknown options and missing values are usage errors), plus
 * the positional count check. Error messages name the command so `--help` is one step away.
 */
export function parseCommandArgs<O extends OptionSpecs>(
  command: string,
  options: O,
  positionals: readonly PositionalSpec[],
  argv: string[],
): { values: OptionValues<O>; positionals: string[] } {
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, option] of Object.entries(options)) {
    config[name] = {
      type: option.type,
      ...(option.short ? { short: option.short } : {}),
      ...(option.multiple ? { multiple: true } : {}),
    };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(`${describeParseError(error)}\nRun \`taskhooks ${command} --help\` for usage.`);
  }
  // `--help` wins over a missing positional: it is how one learns what is missing.
  if (parsed.values.help !== true) checkPositionals(command, positionals, parsed.positionals);
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

function checkPositionals(command: string, specs: readonly PositionalSpec[], given: string[]): void {
  const missing = specs.filter((spec, index) => spec.required && given[index] === undefined);
  if (missing.length > 0) {
    throw usageError(
      `taskhooks ${command}: missing ${missing.map((spec) => `<${spec.name}>`).join(' ')}\nRun \`taskhooks ${command} --help\` for usage.`,
    );
  }
  if (given.length > specs.length) {
    throw usageError(
      `taskhooks ${command}: unexpected argument "${given[specs.length]}"\nRun \`taskhooks ${command} --help\` for usage.`,
    );
  }
}

/** parseArgs messages are long and mention `args`; keep their first sentence, in our words. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missingValue = /Option '(-[^' ]+)[^']*' argument missing/.exec(message);
  if (missingValue) return `option ${missingValue[1]} needs a value`;
  const noValue = /Option '(-[^' ]+)[^']*' does not take an argument/.exec(message);
  if (noValue) return `option ${noValue[1]} does not take a value`;
  return message.split('. ')[0] ?? message;
}

/** A required string option, or a usage error naming it. */
export function requireOption(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === '') {
    throw usageError(
      `taskhooks ${command}: --${name} is required\nRun \`taskhooks ${command} --help\` for usage.`,
    );
  }
  return value;
}
