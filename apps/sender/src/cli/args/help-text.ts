import { EXIT_CODES_HELP } from '../exit-codes.js';
import type { Style } from '../output/colors.js';
import { formatTable } from '../output/format.js';
import type { CommandSpec, OptionSpecs } from './command-spec.js';

/** `taskhooks <command> --help`: usage, description, arguments, options, examples, exit codes. */
export function commandHelp(style: Style, spec: CommandSpec<OptionSpecs>): string {
  const lines = [`${style.bold('Usage:')} ${spec.usage}`, '', `${spec.summary}.`];
  if (spec.description) lines.push('', spec.description);
  if (spec.positionals?.length) {
    lines.push('', style.bold('Arguments:'));
    lines.push(...formatTable(spec.positionals.map((p) => [`  <${p.name}>`, p.description])));
  }
  lines.push('', style.bold('Options:'));
  const optionRows = Object.entries(spec.options).map(([name, option]) => [
    `  ${option.short ? `-${option.short}, ` : ''}--${name}${option.valueName ? ` ${option.valueName}` : ''}`,
    option.description,
  ]);
  lines.push(...formatTable(optionRows));
  lines.push('', style.bold('Examples:'), ...spec.examples.map((example) => `  $ ${example}`));
  lines.push('', EXIT_CODES_HELP);
  return lines.join('\n');
}

/** `taskhooks --help`: every command with its summary. */
export function overviewHelp(style: Style, commands: readonly CommandSpec<OptionSpecs>[]): string {
  return [
    `${style.bold('taskhooks')} — contract-first webhooks for task, chore and family-plan apps`,
    '',
    `${style.bold('Usage:')} taskhooks <command> [options]`,
    '',
    style.bold('Commands:'),
    ...formatTable(commands.map((command) => [`  ${command.name}`, command.summary])),
    '',
    style.bold('Examples:'),
    '  $ taskhooks serve                                              # API + worker + portal on SQLite',
    '  $ taskhooks listen --forward-to http://localhost:3000/hooks    # in a second terminal',
    '  $ taskhooks trigger plan.completed                             # in a third',
    '',
    'Every command takes --help (with examples) and --json. Remote commands find the sender with',
    '--api-url/TASKHOOKS_API_URL and authenticate with --api-key/TASKHOOKS_API_KEY (a local sender:',
    'its admin key file). Colours only on a terminal (NO_COLOR turns them off).',
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}
