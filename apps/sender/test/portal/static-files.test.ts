import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles, lookupStaticFile } from '../../src/server/static-files.js';

let dir: string;
let root: string;
let server: http.Server;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'th-static-'));
  root = join(dir, 'site');
  mkdirSync(join(root, 'guides'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>docs home</h1>');
  writeFileSync(join(root, '404.html'), '<head><link href="style.css"></head><h1>docs 404</h1>');
  writeFileSync(join(root, 'guides', 'index.html'), '<h1>guides</h1>');
  writeFileSync(join(root, 'guides', 'retries.html'), '<h1>retries</h1>');
  writeFileSync(join(root, 'style.css'), 'body{}');
  writeFileSync(join(root, 'big.bin'), Buffer.alloc(8 * 1024 * 1024, 7));
  writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET');
  writeFileSync(join(dir, 'site-other.txt'), 'SIBLING-SECRET');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'escape.txt'));
  const docs = createStaticFiles({ root, mountPath: '/docs' });
  server = http.createServer((req, res) => docs(req, res, (req.url ?? '/').split('?')[0]!));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request: the path goes out byte for byte (fetch would normalise `..` away). */
function get(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files under /docs', () => {
  it('serves files with their content type, index.html for folders, and HEAD without a body', async () => {
    const home = await get('/docs/');
    expect(home).toMatchObject({ status: 200, body: '<h1>docs home</h1>' });
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/docs/guides/')).body).toBe('<h1>guides</h1>');
    expect((await get('/docs/guides/retries.html')).body).toBe('<h1>retries</h1>');
    expect((await get('/docs/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/docs/guides/retries.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('<h1>retries</h1>'.length));
    expect(head.body).toBe('');
  });

  it('redirects a folder without its slash, so relative links resolve', async () => {
    expect((await get('/docs')).headers.location).toBe('/docs/');
    const guides = await get('/docs/guides');
    expect(guides.status).toBe(301);
    expect(guides.headers.location).toBe('/docs/guides/');
  });

  it('answers a missing page at any depth with the site’s 404 page, its links based at the mount', async () => {
    const page = '<head><base href="/docs/"><link href="style.css"></head><h1>docs 404</h1>';
    for (const path of ['/docs/nope.html', '/docs/guides/deeper/nope.html'])
      expect(await get(path)).toMatchObject({ status: 404, body: page });
  });

  it('never serves a file outside the root', async () => {
    const attempts = [
      '/docs/../secret.txt',
      '/docs/%2e%2e/secret.txt',
      '/docs/%2E%2E%2Fsecret.txt',
      '/docs/guides/..%2F..%2Fsecret.txt',
      '/docs/..%5Csecret.txt',
      '/docs/%00/../secret.txt',
      '/docs/../site-other.txt',
      '/docs//etc/passwd',
      '/docs/escape.txt', // a symlink inside the root pointing out of it
      '/docs/%E0%A4%A', // malformed escape
    ];
    for (const path of attempts) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toMatch(/SECRET|root:/);
    }
    expect(lookupStaticFile(root, '/../secret.txt')).toEqual({ kind: 'not_found' });
    expect(lookupStaticFile(join(dir, 'missing'), '/index.html')).toEqual({ kind: 'not_found' });
  });

  it('closes the file when a client goes away midway through a large one', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/docs/big.bin' }, (res) => {
          res.once('data', () => {
            req.destroy(); // gone after the first chunk, with most of the 8 MB unsent
            resolve();
          });
        });
        req.on('error', () => resolve());
      });
    }
    // Each abandoned download would otherwise keep its file open for as long as the server runs.
    const deadline = Date.now() + 5_000;
    while (openFiles() > before + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(openFiles()).toBeLessThanOrEqual(before + 2);
    expect((await get('/docs/style.css')).body).toBe('body{}');
  });

  it('is read-only', async () => {
    const post = await get('/docs/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});
