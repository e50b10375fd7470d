import { describe, expect, it } from 'vitest';
import { parseDuration, parsePositiveInt, parseSince } from '../../src/cli/args/duration.js';
import { parseCommandArgs } from '../../src/cli/args/parse-command-args.js';
import { modelForEvent, modelForFilter, resolveModelOption } from '../../src/cli/contracts/choose-model.js';
import { CliError, ExitCode } from '../../src/cli/exit-codes.js';

const usage = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.usage);
    return (error as CliError).message;
  }
  throw new Error('expected a usage error');
};

describe('durations and times', () => {
  it('parses 250ms, 30s, 15m, 2h, 7d and combinations', () => {
    expect(parseDuration('250ms', 'x')).toBe(250);
    expect(parseDuration('30s', 'x')).toBe(30_000);
    expect(parseDuration('1h30m', 'x')).toBe(5_400_000);
    expect(parseDuration('7d', 'x')).toBe(604_800_000);
    expect(usage(() => parseDuration('2 hours', 'since'))).toContain('--since: expected a duration');
    expect(usage(() => parseDuration('', 'since'))).toContain('--since');
  });

  it('--since is a duration ago or an ISO date-time', () => {
    const now = Date.parse('2026-05-01T12:00:00Z');
    expect(parseSince('2h', 'since', now)).toBe(Date.parse('2026-05-01T10:00:00Z'));
    expect(parseSince('2026-04-30T00:00:00Z', 'since', now)).toBe(Date.parse('2026-04-30T00:00:00Z'));
    expect(usage(() => parseSince('2026-13-45T00:00:00Z', 'since', now))).toContain('not a valid ISO 8601');
    // The API takes whole epoch milliseconds from 1970 on: a usage error here, not the server's 400.
    expect(parseSince('0.0005s', 'since', now)).toBe(now);
    expect(usage(() => parseSince('999999999d', 'since', now))).toContain('"999999999d" ago is before 1970');
    expect(usage(() => parseSince('1969-12-31T00:00:00Z', 'since', now))).toContain('is before 1970');
  });

  it('counts are whole numbers in range', () => {
    expect(parsePositiveInt(undefined, 'count', 1, 10)).toBe(1);
    expect(parsePositiveInt('10', 'count', 1, 10)).toBe(10);
    for (const bad of ['0', '11', '1.5', 'many', '1e1', '0x5', ' 5', '', '+3'])
      expect(usage(() => parsePositiveInt(bad, 'count', 1, 10))).toContain('--count');
  });
});

describe('parseCommandArgs', () => {
  const options = {
    tenant: { type: 'string', description: '' },
    json: { type: 'boolean', description: '' },
    help: { type: 'boolean', short: 'h', description: '' },
  } as const;
  const positionals = [{ name: 'event', required: true, description: '' }];

  it('returns typed values and positionals', () => {
    const parsed = parseCommandArgs('trigger', options, positionals, [
      'plan.completed',
      '--tenant',
      't1',
      '--json',
    ]);
    expect(parsed).toEqual({ values: { tenant: 't1', json: true }, positionals: ['plan.completed'] });
  });

  it('names the problem and the command for unknown options, missing values and arguments', () => {
    expect(usage(() => parseCommandArgs('trigger', options, positionals, ['x', '--nope']))).toMatch(
      /^unknown option --nope\nRun `taskhooks trigger --help`/,
    );
    expect(usage(() => parseCommandArgs('trigger', options, positionals, ['x', '--tenant']))).toContain(
      'option --tenant needs a value',
    );
    expect(usage(() => parseCommandArgs('trigger', options, positionals, []))).toContain('missing <event>');
    expect(usage(() => parseCommandArgs('trigger', options, positionals, ['a', 'b']))).toContain(
      'unexpected argument "b"',
    );
    // --help wins over a missing argument.
    expect(parseCommandArgs('trigger', options, positionals, ['-h']).values.help).toBe(true);
  });
});

describe('choosing the model', () => {
  it('an event belongs to the first model defining it; shared names across families need --model', () => {
    expect(modelForEvent('plan.completed')).toBe('plan_bound_v2');
    expect(modelForEvent('chore.created')).toBe('family_actions_v1');
    expect(usage(() => modelForEvent('task.completed'))).toContain('extension_v1 and task_events_v1');
    expect(usage(() => modelForEvent('plan.exploded'))).toContain('unknown event "plan.exploded"');
  });

  it('a listen filter picks the model whose events it matches; family names mean the newest version', () => {
    expect(modelForFilter([])).toBe('plan_bound_v2');
    expect(modelForFilter(['submission.*'])).toBe('plan_bound_v2');
    expect(modelForFilter(['chore.*', 'reward.fulfilled'])).toBe('family_actions_v1');
    expect(usage(() => modelForFilter(['plan.*', 'chore.created']))).toContain('pass --model');
    expect(resolveModelOption('plan_bound')).toBe('plan_bound_v3');
    expect(usage(() => resolveModelOption('plan_bound_v9'))).toContain('unknown model');
  });
});
