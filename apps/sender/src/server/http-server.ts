import http from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { ApiServices, Caller } from '../api/context.js';
import { retryAfterOf } from '../api/rate-limit.js';
import { appRouter } from '../api/router.js';

export interface SenderHttpServerOptions {
  services: ApiServices;
  /** Maps the Authorization header to a caller, or null when the key is missing/unknown. */
  authenticate: (authorization: string | undefined) => Promise<Caller | null> | Caller | null;
  maxBodyBytes: number;
  isReady: () => Promise<boolean> | boolean;
}

/** The sender's HTTP surface: tRPC under /trpc, health probes at /livez and /readyz. */
export function createSenderHttpServer(options: SenderHttpServerOptions): http.Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    // JSON framing around the payload is small; the payload limit itself is enforced by the publisher.
    maxBodySize: options.maxBodyBytes + 64 * 1024,
    createContext: async ({ req }) => ({
      ...options.services,
      caller: await options.authenticate(req.headers.authorization),
    }),
    // A 429 tells the client when to come back (RFC 9110 §10.2.3), in whole seconds.
    responseMeta: ({ errors }) => {
      const retryAfter = retryAfterOf(errors);
      return retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } };
    },
  });

  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/livez') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      void Promise.resolve(options.isReady()).then(
        (ready) => sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready' }),
        () => sendJson(res, 503, { status: 'not_ready' }),
      );
      return;
    }
    if (path?.startsWith('/trpc/')) return trpc(req, res);
    sendJson(res, 404, { error: { code: 'not_found', message: `no route for ${req.method} ${path}` } });
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
