import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { post } from './support/http.js';
import { planFailedExample } from './support/payloads.js';
import { secret, signDelivery } from './support/sign.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('examples/express.ts, as printed in the README', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('starts, verifies a signed delivery and runs the handler', async () => {
    child = spawn(
      process.execPath,
      ['--conditions=@taskhooks/source', '--import', 'tsx', 'examples/express.ts'],
      {
        cwd: packageDir,
        env: { ...process.env, WEBHOOK_SECRET: secret, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const port = await waitFor(
      () => /listening on port (\d+)/.exec(output)?.[1],
      () => output,
    );

    const answer = await post(
      `http://127.0.0.1:${port}/webhooks`,
      await signDelivery(planFailedExample(), { id: 'msg_example' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe('handled');
    await waitFor(
      () => output.includes('[msg_example] plan.failed: Misi scored 37.5%') || undefined,
      () => output,
    );

    const forged = await post(`http://127.0.0.1:${port}/webhooks`, {
      body: JSON.stringify(planFailedExample()),
      headers: { 'content-type': 'application/json' },
    });
    expect(forged.status).toBe(401);
    await waitFor(
      () => output.includes('webhook refused (missing_headers)') || undefined,
      () => output,
    );
  });
});

describe('examples/fetch.ts, as printed in the README', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('answers a real Request and runs the typed handler', async () => {
    vi.stubEnv('WEBHOOK_SECRET', secret);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { default: app } = await import('../examples/fetch.js');

    const [example] = eventMetadata(getEventSchema('plan_bound_v2', 'submission.pending_review')).examples;
    const signed = await signDelivery(example);
    const response = await app.fetch(
      new Request('http://127.0.0.1/api/webhooks', { method: 'POST', ...signed }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, outcome: 'handled' });
    expect(log).toHaveBeenCalledWith('Misi handed in "Clean up", please review');
  });
});

/** Polls `probe` until it returns a value; fails with the child's output after 20 s. */
async function waitFor<T>(probe: () => T | undefined, context: () => string): Promise<T> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out; output so far:\n${context()}`);
}

describe('README', () => {
  it('prints both examples exactly as the files the tests above run', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const file of ['express.ts', 'fetch.ts']) {
      const source = readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8').trimEnd();
      expect(readme).toContain(`\`\`\`ts\n${source}\n\`\`\``);
    }
  });
});
