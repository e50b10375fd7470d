import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { familyDay } from '../src/family-day.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');

function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@taskhooks/source', '--import', 'tsx', MAIN, ...args],
      {
        cwd: join(import.meta.dirname, '..'),
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the live demo (real taskhooks serve, real receiver-sdk receiver on 127.0.0.1)', () => {
  it('delivers the whole family day, every event verified at the receiver in publish order', async () => {
    const { code, stdout, stderr } = await runDemo(['--once', '--interval', '0', '--port', '0']);
    expect(stderr, stdout).not.toMatch(/demo failed|refused/);
    expect(code, `${stdout}\n${stderr}`).toBe(0);

    const verifiedEvents = [...stdout.matchAll(/✓ verified (\S+)/g)].map((match) => match[1]);
    expect(verifiedEvents).toEqual(familyDay().map((step) => step.event));
    expect(stdout).toContain(`All ${familyDay().length} events delivered and verified`);
    expect(stdout).toMatch(/Leo: "Homework before football" partial: 1\/2 required approved/);
    expect(stdout).toMatch(/portal\s+http:\/\/127\.0\.0\.1:\d+\/portal\/open\?token=\S+/);

    // The secret is only ever shown masked.
    const secretLine = stdout.split('\n').find((line) => line.includes('secret'));
    expect(secretLine).toMatch(/whsec_\S{4}…\(\d+ chars\)/);
    // The throwaway data directory is removed on exit.
    const dataDir = /SQLite in (\S+);/.exec(stdout)?.[1];
    expect(dataDir).toBeTruthy();
    expect(existsSync(dataDir!)).toBe(false);
  });

  it('refuses bad options with a usage error naming the option', async () => {
    const { code, stderr } = await runDemo(['--interval', 'soon']);
    expect(code).toBe(2);
    expect(stderr).toContain('--interval: expected milliseconds ≥ 0, got "soon"');
  });
});
