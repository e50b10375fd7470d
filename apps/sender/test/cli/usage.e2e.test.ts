import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';

const COMMANDS = ['serve', 'worker', 'migrate', 'listen', 'trigger', 'deliveries', 'redeliver', 'recover'];
const dir = mkdtempSync(join(tmpdir(), 'taskhooks-cli-usage-'));
// No sender runs for these: every command here must fail (or answer) before it needs one.
const env = { HOME: dir, TASKHOOKS_DATA_DIR: join(dir, 'data'), TASKHOOKS_API_URL: 'http://127.0.0.1:9' };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('taskhooks usage', () => {
  it('--help of every command shows usage, options, examples and exit codes', async () => {
    const results = await Promise.all(COMMANDS.map((command) => runCli([command, '--help'], env)));
    results.forEach((result, i) => {
      expect(result.code, COMMANDS[i]).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: taskhooks ${COMMANDS[i]}`));
      expect(result.stdout).toContain('--json');
      expect(result.stdout).toMatch(/Examples:\n {2}\$ \S/);
      expect(result.stdout).toContain('5  invalid input');
    });
    const overview = await runCli(['--help'], env);
    expect(overview.code).toBe(0);
    for (const command of COMMANDS) expect(overview.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
  });

  it('refuses bad command lines with exit code 2 and a pointer to --help', async () => {
    const [
      unknownCommand,
      unknownHelpTopic,
      unknownOption,
      missingArgument,
      badCount,
      workerWithoutPostgres,
    ] = await Promise.all([
      runCli(['deliver'], env),
      runCli(['help', 'deliver'], env),
      runCli(['deliveries', '--bogus'], env),
      runCli(['redeliver'], env),
      runCli(['trigger', 'plan.completed', '--count', 'many'], env),
      runCli(['worker'], env),
    ]);
    expect(unknownCommand).toMatchObject({ code: 2, stdout: '' });
    expect(unknownCommand.stderr).toContain('unknown command "deliver"');
    expect(unknownHelpTopic).toMatchObject({ code: 2, stdout: '' });
    expect(unknownHelpTopic.stderr).toContain('unknown command "deliver"');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('unknown option --bogus');
    expect(unknownOption.stderr).toContain('taskhooks deliveries --help');
    expect(missingArgument.code).toBe(2);
    expect(missingArgument.stderr).toContain('missing <delivery-id>');
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toContain('--count: expected a whole number');
    expect(workerWithoutPostgres.code).toBe(2);
    expect(workerWithoutPostgres.stderr).toContain('needs DATABASE_URL');
  });

  it('trigger validates a payload file locally: every failing path, exit code 5, nothing sent', async () => {
    const example = eventMetadata(getEventSchema('plan_bound_v2', 'plan.completed')).examples[0] as Record<
      string,
      unknown
    >;
    const broken = { ...example, plan: { ...(example.plan as object), date: 'yesterday' }, surprise: true };
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const [invalid, invalidJson, missingFile] = await Promise.all([
      runCli(['trigger', 'plan.completed', '--payload', file, '--json'], env),
      runCli(['trigger', 'plan.completed', '--payload', writeText('bad.json', '{"event": ')], env),
      runCli(['trigger', 'plan.completed', '--payload', join(dir, 'nope.json')], env),
    ]);
    expect(invalid.code).toBe(5);
    expect(invalid.stderr).toContain(`${file} is not a valid plan_bound_v2 plan.completed payload`);
    expect(invalid.stderr).toMatch(/^ {2}- plan\.date: /m);
    expect(invalid.stderr).toMatch(/^ {2}- \(root\): unknown field "surprise"/m);
    const paths = (JSON.parse(invalid.stdout).error.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['plan.date', '']));
    expect(invalidJson.code).toBe(5);
    expect(invalidJson.stderr).toContain('is not valid JSON');
    expect(missingFile.code).toBe(3);
    expect(missingFile.stderr).toContain('nope.json does not exist');
  });

  it('migrate applies the migrations of a fresh SQLite data dir once, and says so', async () => {
    const migrateEnv = { ...env, TASKHOOKS_DATA_DIR: join(dir, 'migrate') };
    const first = await runCli(['migrate', '--json'], migrateEnv);
    expect(first.code).toBe(0);
    const applied = JSON.parse(first.stdout) as { database: string; applied: string[]; current: string[] };
    expect(applied.database).toBe('sqlite');
    expect(applied.applied.length).toBeGreaterThan(0);
    expect(applied.applied[0]).toBe('0001_init');
    expect(applied.current).toEqual(applied.applied);
    const second = await runCli(['migrate'], migrateEnv);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      `up to date (${applied.current.length} migrations, latest ${applied.current.at(-1)})`,
    );
  });
});

function writeText(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
