import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createStaticFiles } from '@taskhooks/sender/static-files';

export interface StaticServerOptions {
  /** Folder to serve, e.g. apps/docs/dist. */
  root: string;
  /** Default 127.0.0.1: the preview server is never exposed beyond this machine. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * A small read-only static file server (GET/HEAD) for previewing the built site: the same file
 * handler the sender serves the docs with at /docs (folders redirect to their trailing-slash URL,
 * so relative links resolve; unknown paths get the site's 404 page), mounted at the root.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const root = resolve(options.root);
  statSync(join(root, 'index.html')); // fail fast with ENOENT when the site was not built
  const files = createStaticFiles({ root, mountPath: '' });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://preview.invalid').pathname;
    files(req, res, path).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { address, port } = server.address() as AddressInfo;
      resolvePromise({
        server,
        url: `http://${address}:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
