import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { SenderConnectionError } from '@taskhooks/sender-client';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/cli/remote/connect.js';
import { killAllClis, runCli, startCli } from './support/cli-process.js';
import { startCliWorld } from './support/cli-world.js';

// A sender that accepts connections and never answers (hung, or a wrong port that still listens).
let server: Server | null = null;
const sockets = new Set<Socket>();
async function startSilentServer(): Promise<string> {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await killAllClis();
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

describe('the CLI against a sender that never answers', () => {
  it('gives up on a call after its timeout instead of fetch’s minutes', async () => {
    const url = await startSilentServer();
    const { client } = connect({}, { TASKHOOKS_API_URL: url, TASKHOOKS_API_KEY: 'x' }, undefined, {
      callTimeoutMs: 300,
    });
    const started = Date.now();
    await expect(client.call('endpoints.list')).rejects.toBeInstanceOf(SenderConnectionError);
    // One retry of a safe call: two timeouts and a short backoff, far from fetch's 300 s each.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('Ctrl-C ends a waiting command at once with exit code 130', async () => {
    const url = await startSilentServer();
    const cli = startCli(['deliveries'], { TASKHOOKS_API_URL: url, TASKHOOKS_API_KEY: 'x' });
    // Interrupt once the request is in flight: the server has seen the connection.
    const deadline = Date.now() + 15_000;
    while (sockets.size === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(sockets.size).toBeGreaterThan(0);
    const result = await Promise.race([
      cli.interrupt('SIGINT'),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
    ]);
    expect(result).not.toBeNull();
    expect(result!.code).toBe(130);
    expect(result!.stderr).toContain('interrupted');
    expect(result!.stderr).not.toContain('could not reach');
  });

  it('a --wait-timeout that runs out is exit code 1, as documented', async () => {
    // Here the sender answers, but the endpoint it delivers to does not.
    const silentEndpoint = await startSilentServer();
    const world = await startCliWorld();
    try {
      await world.api.endpoints.create({
        tenantId: 'default',
        url: `${silentEndpoint}/hook`,
        model: 'plan_bound_v2',
      });
      const result = await runCli(
        ['trigger', 'plan.completed', '--wait-timeout', '1s', '--json'],
        world.cliEnv,
      );
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ waited: true, complete: false });
    } finally {
      await world.close();
    }
  }, 60_000);
});
