import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startStaticServer } from './static-server.js';

const parent = mkdtempSync(join(tmpdir(), 'taskhooks-docs-serve-'));
const root = join(parent, 'site');
let running: RunningServer;

beforeAll(async () => {
  mkdirSync(join(root, 'models', 'm'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, '404.html'), '<html><head><title>x</title></head><h1>missing</h1>');
  writeFileSync(join(root, 'models', 'm', 'index.html'), '<h1>model</h1>');
  writeFileSync(join(root, 'openapi.json'), '{"openapi":"3.1.1"}');
  writeFileSync(join(parent, 'secret.txt'), 'outside the site');
  running = await startStaticServer({ root });
});
afterAll(async () => {
  await running.close();
  rmSync(parent, { recursive: true, force: true });
});

/** Raw request so the path is sent exactly as written (fetch would normalise `..`). */
function get(
  path: string,
  method = 'GET',
): Promise<{ status: number; type: string; body: string; location?: string }> {
  const { port } = new URL(running.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body,
          ...(res.headers.location ? { location: res.headers.location } : {}),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves files with their content type, and index.html for folders', async () => {
    expect(await get('/')).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<h1>home</h1>',
    });
    expect(await get('/models/m/')).toMatchObject({ status: 200, body: '<h1>model</h1>' });
    // Without the slash a folder's page would resolve its relative links one level up: redirect.
    expect(await get('/models/m')).toMatchObject({ status: 301, location: '/models/m/' });
    expect(await get('/openapi.json?x=1')).toMatchObject({
      status: 200,
      type: 'application/json; charset=utf-8',
    });
  });

  it('answers unknown paths with the site 404 page and status 404, its links resolving from the root', async () => {
    const page = '<html><head><base href="/"><title>x</title></head><h1>missing</h1>';
    expect(await get('/nope.html')).toMatchObject({ status: 404, body: page });
    expect(await get('/models/m/deeper/nope.html')).toMatchObject({ status: 404, body: page });
  });

  it('never serves files outside the root', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/models/../../secret.txt',
      '/%2e%2e%2fsecret.txt',
    ])
      expect((await get(path)).body).not.toContain('outside the site');
    expect(await get('/%E0%A4%A')).toMatchObject({
      status: 404,
      body: expect.stringContaining('<h1>missing</h1>'),
    });
  });

  it('is read-only: HEAD has no body, POST is refused', async () => {
    expect(await get('/', 'HEAD')).toMatchObject({ status: 200, body: '' });
    expect(await get('/', 'POST')).toMatchObject({ status: 405 });
  });

  it('refuses to start on a folder without a built site', async () => {
    await expect(startStaticServer({ root: join(parent, 'empty') })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
