import { describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../../src/cli/exit-codes.js';
import { colorsEnabled, createStyle } from '../../src/cli/output/colors.js';
import { formatTable } from '../../src/cli/output/format.js';
import { createOutput } from '../../src/cli/output/output.js';
import { ProgressBar } from '../../src/cli/output/progress-bar.js';

/** A stream that records what was written; `isTTY` as a terminal or a pipe would report it. */
function recorder(isTTY: boolean, columns = 80) {
  const chunks: string[] = [];
  return { isTTY, columns, chunks, text: () => chunks.join(''), write: (text: string) => chunks.push(text) };
}

describe('colours', () => {
  it('only on a terminal, never with NO_COLOR or TERM=dumb', () => {
    expect(colorsEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorsEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorsEnabled({}, {})).toBe(false);
    expect(colorsEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorsEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true); // no-color.org: empty = unset
    expect(colorsEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(createStyle(true).green('ok')).toBe('\u001b[32mok\u001b[39m');
    expect(createStyle(false).green('ok')).toBe('ok');
  });

  it('an Output colours a terminal, not a pipe, and --json keeps stdout pure JSON', () => {
    const tty = recorder(true);
    createOutput({ json: false, stdout: tty, stderr: recorder(true), env: {} }).say(
      createOutput({ json: false, stdout: tty, stderr: recorder(true), env: {} }).style.bold('x'),
    );
    expect(tty.text()).toBe('\u001b[1mx\u001b[22m\n');

    const stdout = recorder(false);
    const stderr = recorder(false);
    const output = createOutput({ json: true, stdout, stderr, env: {} });
    output.say('human text');
    output.emit({ a: 1 });
    output.fail(
      new CliError('bad payload', ExitCode.invalid, [{ path: 'plan.date', message: 'invalid date' }]),
    );
    expect(
      stdout
        .text()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { a: 1 },
      {
        error: {
          message: 'bad payload',
          exitCode: 5,
          issues: [{ path: 'plan.date', message: 'invalid date' }],
        },
      },
    ]);
    expect(stderr.text()).toBe('error bad payload\n  - plan.date: invalid date\n');
  });
});

describe('progress bar', () => {
  it('redraws in place on a terminal and ends with a newline', () => {
    const stream = recorder(true, 60);
    let now = 0;
    const bar = new ProgressBar(stream, 'Publishing', 4, true, () => now);
    bar.update(1);
    now += 1000;
    bar.update(2);
    bar.update(3); // within 80 ms of the last draw: skipped
    now += 1000;
    bar.update(4);
    bar.finish();
    const frames = stream.text().split('\r').filter(Boolean);
    expect(frames[0]).toMatch(/^Publishing \[#+-+\] 1\/4 {2}25%$/);
    expect(frames.at(-1)).toMatch(/^Publishing \[#+\] 4\/4 100%\n$/);
    expect(frames.some((frame) => frame.includes('3/4'))).toBe(false);
  });

  it('draws nothing when disabled (a pipe, CI, --json)', () => {
    const stream = recorder(false);
    const bar = new ProgressBar(stream, 'Redelivering', 10, false);
    bar.update(5);
    bar.finish();
    expect(stream.chunks).toEqual([]);
  });

  it('an Output draws progress only when stderr is a terminal and not with --json', () => {
    const terminal = recorder(true);
    const shown = createOutput({ json: false, stdout: recorder(false), stderr: terminal, env: {} }).progress(
      'x',
      1,
    );
    shown.update(1);
    shown.finish();
    expect(terminal.text()).toContain('1/1');
    const jsonMode = recorder(true);
    const hidden = createOutput({ json: true, stdout: recorder(false), stderr: jsonMode, env: {} }).progress(
      'x',
      1,
    );
    hidden.update(1);
    hidden.finish();
    expect(jsonMode.chunks).toEqual([]);
  });
});

describe('formatTable', () => {
  it('aligns columns by their visible width, colour codes excluded', () => {
    const style = createStyle(true);
    const lines = formatTable([
      ['ID', 'STATUS', 'URL'],
      ['a', style.green('succeeded'), 'http://x'],
      ['bbbb', 'failed', 'http://y'],
    ]);
    const sgr = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');
    const plain = lines.map((line) => line.replace(sgr, ''));
    expect(plain).toEqual(['ID    STATUS     URL', 'a     succeeded  http://x', 'bbbb  failed     http://y']);
  });
});
