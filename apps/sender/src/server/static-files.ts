import { realpathSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type http from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export type StaticLookup =
  | { kind: 'file'; path: string }
  | { kind: 'directory' } // exists as a folder: the caller redirects to the path with a trailing slash
  | { kind: 'not_found' };

/**
 * Maps a URL path (relative to the mount point, e.g. `/models/x.html`) to a regular file inside
 * `root`, never outside it: `..` segments, encoded slashes and NUL bytes are refused, and the
 * file's real path (symlinks resolved) must still be under the root's real path.
 */
export function lookupStaticFile(root: string, urlPath: string): StaticLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'not_found' };
  }
  const segments = decoded.split('/');
  if (
    decoded.includes('\0') ||
    decoded.includes('\\') ||
    segments.some((segment) => segment === '..' || segment === '.')
  ) {
    return { kind: 'not_found' };
  }
  let base: string;
  try {
    base = realpathSync(resolve(root));
  } catch {
    return { kind: 'not_found' };
  }
  const target = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  const candidate = decoded.endsWith('/') ? join(target, 'index.html') : target;
  try {
    const real = realpathSync(candidate);
    if (real !== base && !real.startsWith(base + sep)) return { kind: 'not_found' };
    const stat = statSync(real);
    if (stat.isFile()) return { kind: 'file', path: real };
    if (stat.isDirectory() && !decoded.endsWith('/')) return { kind: 'directory' };
  } catch {
    // missing (or unreadable): not found
  }
  return { kind: 'not_found' };
}

export interface StaticFilesOptions {
  root: string;
  /** Where the folder is mounted, e.g. `/docs` (no trailing slash). */
  mountPath: string;
  /** Added to every answer (e.g. a CSP). */
  headers?: Record<string, string>;
  /** `no-cache` (default) revalidates every time; assets that never change may say more. */
  cacheControl?: string;
}

/**
 * The site's 404 page answers at whatever depth the missing URL had, but its relative links are
 * written for the site root: a `<base>` pointing at the mount makes them resolve from anywhere.
 */
async function sendNotFoundPage(
  res: http.ServerResponse,
  path: string,
  mountPath: string,
  headers: Record<string, string>,
  method: string | undefined,
): Promise<void> {
  let page: string;
  try {
    page = await readFile(path, 'utf8');
  } catch {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('Not found');
  }
  const base = `<base href="${mountPath}/">`;
  const body = /<base\s/i.test(page) ? page : page.replace(/<head(\s[^>]*)?>/i, (head) => `${head}${base}`);
  res.writeHead(404, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(method === 'HEAD' ? undefined : body);
}

/** A read-only GET/HEAD handler for one folder; `/mount/dir` redirects to `/mount/dir/`. */
export function createStaticFiles(options: StaticFilesOptions) {
  const baseHeaders = {
    'x-content-type-options': 'nosniff',
    'cache-control': options.cacheControl ?? 'no-cache',
    ...options.headers,
  };
  return async (req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...baseHeaders, allow: 'GET, HEAD', 'content-type': 'text/plain' });
      return void res.end('Method not allowed');
    }
    const relative = path === options.mountPath ? '' : path.slice(options.mountPath.length);
    if (relative === '') {
      res.writeHead(301, { ...baseHeaders, location: `${options.mountPath}/` });
      return void res.end();
    }
    const found = lookupStaticFile(options.root, relative);
    if (found.kind === 'directory') {
      res.writeHead(301, { ...baseHeaders, location: `${path}/` });
      return void res.end();
    }
    if (found.kind !== 'file') {
      const notFoundPage = lookupStaticFile(options.root, '/404.html');
      if (notFoundPage.kind === 'file') {
        return sendNotFoundPage(res, notFoundPage.path, options.mountPath, baseHeaders, req.method);
      }
      res.writeHead(404, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Not found');
    }
    // Opened before anything is answered, so a file that vanished or cannot be read (a docs rebuild
    // under a running server, permissions) is a 404, not a stream error after the headers.
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    let size: number;
    try {
      handle = await open(found.path, 'r');
      size = (await handle.stat()).size;
    } catch {
      await handle?.close().catch(() => {});
      res.writeHead(404, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Not found');
    }
    res.writeHead(200, {
      ...baseHeaders,
      'content-type': CONTENT_TYPES[extname(found.path).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
    });
    if (req.method === 'HEAD') {
      await handle.close();
      return void res.end();
    }
    // pipeline, unlike pipe, closes the file when the client goes away or a read fails midway
    // (the answer is then cut short: its headers are already out).
    pipeline(handle.createReadStream(), res, (error) => {
      if (error) res.destroy();
    });
  };
}
