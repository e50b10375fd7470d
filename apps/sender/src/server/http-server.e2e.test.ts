import type http from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiServices } from '../api/context.js';
import { createSenderHttpServer } from './http-server.js';

let server: http.Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

describe('the sender HTTP server', () => {
  it('answers 500 when a page handler throws, synchronously or not, and keeps serving', async () => {
    const logged: string[] = [];
    const logger = {
      isLevelEnabled: () => false,
      error: (_details: unknown, message: string) => logged.push(message),
    };
    server = createSenderHttpServer({
      // None of these paths reaches the API services.
      services: {} as ApiServices,
      authenticate: () => null,
      maxBodyBytes: 1024,
      isReady: () => true,
      logger: logger as never,
      web: {
        handles: (path) => path.startsWith('/broken/'),
        handle: (_req, _res, path) => {
          if (path === '/broken/sync') throw new Error('sync failure');
          return Promise.reject(new Error('async failure'));
        },
      },
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of ['/broken/sync', '/broken/async']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: { code: 'internal_error' } });
    }
    expect(logged).toEqual(['HTTP request failed', 'HTTP request failed']);
    expect((await fetch(`${base}/livez`)).status).toBe(200);
  });

  it('answers 405 with Allow for a method tRPC does not serve, instead of a 500', async () => {
    server = createSenderHttpServer({
      services: {} as ApiServices, // refused before any procedure runs
      authenticate: () => null,
      maxBodyBytes: 1024,
      isReady: () => true,
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PROPFIND']) {
      const answer = await new Promise<{ status: number; allow: string | undefined; body: string }>(
        (resolve, reject) => {
          const req = request({ host: '127.0.0.1', port, path: '/trpc/tenants.list', method }, (res) => {
            let body = '';
            res.on('data', (chunk) => {
              body += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
          });
          req.on('error', reject);
          req.end();
        },
      );
      expect(answer).toMatchObject({ status: 405, allow: 'GET, HEAD, POST' });
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
  });
});
