import type { Output } from '../output/output.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in help after the flag, e.g. `<url>`. */
  valueName?: string;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed values of `O`: booleans, strings, or string lists for `multiple` options. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['multiple'] extends true
      ? string[]
      : string;
};

export interface PositionalSpec {
  name: string;
  required: boolean;
  description: string;
}

export interface CommandInput<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
  output: Output;
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM: long-running commands end cleanly when it fires. */
  signal: AbortSignal;
}

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  /** A paragraph or two under the usage line. */
  description?: string;
  options: O;
  positionals?: PositionalSpec[];
  /** Shell lines, each optionally followed by `  # what it does`. */
  examples: string[];
  run(input: CommandInput<O>): Promise<number>;
}

/** Keeps each command's option names tied to the values its `run` receives. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}
