import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createSenderClient } from '../index.js';
import { ADMIN_KEY, type RealSender, startRealSender, waitFor } from '../testing/real-sender.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const example = readFileSync(new URL('../../examples/quickstart.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const tsx = createRequire(import.meta.url).resolve('tsx');

let sender: RealSender | null = null;
let child: ChildProcess | null = null;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  await sender?.close();
  sender = null;
  child = null;
});

describe('the README quick start', () => {
  it('is examples/quickstart.ts, verbatim', () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('runs as written against a real sender: publishes, the endpoint receives it, endpoints are listed', async () => {
    sender = await startRealSender();
    const admin = createSenderClient({ url: sender.url, apiKey: ADMIN_KEY });
    await admin.tenants.create({ id: 'household', name: 'Household' });
    const { key } = await admin.apiKeys.create({ tenantId: 'household', name: 'task app' });
    await admin.endpoints.create({
      tenantId: 'household',
      url: sender.receiver.url('/tasks'),
      model: 'task_events_v1',
      events: ['task.completed'],
    });

    child = spawn(
      process.execPath,
      ['--conditions=@taskhooks/source', '--import', tsx, 'examples/quickstart.ts'],
      {
        cwd: packageDir,
        env: { PATH: process.env.PATH ?? '', TASKHOOKS_API_URL: sender.url, TASKHOOKS_API_KEY: key },
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
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(output).toMatch(/^published [0-9a-f-]{36} to 1 endpoint\(s\)\n/);
    expect(output).toContain(`${sender.receiver.url('/tasks')} active`);
    expect(code).toBe(0);
    const delivered = await waitFor(() => sender!.receiver.requests[0], 'the delivery');
    expect(JSON.parse(delivered.body)).toMatchObject({ event: 'task.completed', data: { task: { id: 42 } } });
  });
});
