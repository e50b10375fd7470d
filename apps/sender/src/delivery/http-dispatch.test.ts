import { buildConnector } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReceiverHandler,
  startTestReceiver,
  type TestReceiver,
  unusedPort,
} from '../testing/test-receiver.js';
import { DESTINATION_BLOCKED_CODE } from './classify-error.js';
import { createHttpDispatcher, type HttpDispatcher, type OutboundRequest } from './http-dispatch.js';
import type { ConnectOptionsWithTimeout } from './pool-cache.js';

const body = JSON.stringify({ id: 'msg_1', event: 'task.completed', data: { n: 1 } });
const post = (url: string, headers: Record<string, string> = {}): OutboundRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

let dispatcher: HttpDispatcher;
const receivers: TestReceiver[] = [];
async function receiver(handler: ReceiverHandler) {
  const r = await startTestReceiver(handler);
  receivers.push(r);
  return r;
}

beforeAll(() => {
  dispatcher = createHttpDispatcher({ defaultTimeoutMs: 5000 });
});
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await dispatcher.close();
});

describe('http dispatch against real servers', () => {
  it('sends method, headers and the exact body; 2xx is success', async () => {
    const r = await receiver((_req, res) => res.writeHead(202, { 'x-receipt': 'r1' }).end('{"ok":true}'));
    const result = await dispatcher.dispatch({
      ...post(r.url('/in?a=1'), { 'x-custom': 'v' }),
      method: 'PUT',
    });
    expect(result).toMatchObject({
      status: 202,
      errorKind: null,
      errorMessage: null,
      bodyExcerpt: '{"ok":true}',
      bodyTruncated: false,
    });
    expect(result.headers['x-receipt']).toBe('r1');
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]).toMatchObject({ method: 'PUT', path: '/in?a=1', body });
    expect(r.requests[0]!.headers['x-custom']).toBe('v');
    expect(r.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('reports 5xx and 429 as http_status with the response headers', async () => {
    const r = await receiver((req, res) =>
      req.url === '/busy'
        ? res.writeHead(429, { 'retry-after': '30' }).end('slow down')
        : res.writeHead(503).end('down'),
    );
    const down = await dispatcher.dispatch(post(r.url('/down')));
    expect(down).toMatchObject({
      status: 503,
      errorKind: 'http_status',
      errorMessage: 'HTTP 503',
      bodyExcerpt: 'down',
    });
    const busy = await dispatcher.dispatch(post(r.url('/busy')));
    expect(busy).toMatchObject({ status: 429, errorKind: 'http_status' });
    expect(busy.headers['retry-after']).toBe('30');
  });

  it('times out on a server that never answers', async () => {
    const r = await receiver(() => {
      /* never respond */
    });
    // The timeout covers the connect too: 1 s leaves a stalled event loop time to write the request.
    const result = await dispatcher.dispatch(post(r.url()), { timeoutMs: 1_000 });
    expect(result).toMatchObject({ status: null, errorKind: 'timeout' });
    expect(r.requests).toHaveLength(1);
  });

  it('classifies a reset connection as a network error', async () => {
    const r = await receiver((req) => req.socket.destroy());
    const result = await dispatcher.dispatch(post(r.url()));
    expect(result.status).toBeNull();
    expect(result.errorKind).toBe('network');
    expect(result.errorMessage).toMatch(/UND_ERR_SOCKET|ECONNRESET|other side closed/);
  });

  it('classifies a refused connection as a network error', async () => {
    const port = await unusedPort();
    const result = await dispatcher.dispatch(post(`http://127.0.0.1:${port}/hook`));
    expect(result).toMatchObject({ status: null, errorKind: 'network' });
    expect(result.errorMessage).toContain('ECONNREFUSED');
  });

  it('does not follow redirects and records where it would have gone (without the query)', async () => {
    const r = await receiver((req, res) =>
      req.url?.startsWith('/old')
        ? res.writeHead(302, { location: '/new?token=secret' }).end()
        : res.writeHead(200).end(),
    );
    const result = await dispatcher.dispatch(post(r.url('/old')));
    expect(result).toMatchObject({ status: 302, errorKind: 'http_status' });
    expect(result.errorMessage).toBe('HTTP 302: redirect to /new not followed');
    expect(r.requests.map((q) => q.path)).toEqual(['/old']);
  });

  it('keeps only an excerpt of a huge body and stops reading the rest', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    let written = 0;
    const r = await receiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const pump = () => {
        // 64 MiB offered; the dispatcher must walk away long before that.
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    const result = await dispatcher.dispatch(post(r.url()));
    expect(result).toMatchObject({ status: 200, errorKind: null, bodyTruncated: true });
    expect(result.bodyExcerpt).toBe('x'.repeat(4096));
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('a 2xx whose body breaks off midway still counts as delivered', async () => {
    const r = await receiver((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial', () => res.socket?.destroy());
    });
    const result = await dispatcher.dispatch(post(r.url()));
    expect(result).toMatchObject({
      status: 200,
      errorKind: null,
      bodyExcerpt: 'partial',
      bodyTruncated: true,
    });
  });

  it('reuses a keep-alive connection for consecutive requests to one origin', async () => {
    const r = await receiver((_req, res) => res.writeHead(204).end());
    for (let i = 0; i < 6; i++) expect((await dispatcher.dispatch(post(r.url()))).status).toBe(204);
    expect(r.requests).toHaveLength(6);
    // undici may open a second socket while the first is being returned to the pool; without
    // keep-alive this would be 6.
    expect(r.connections).toBeLessThanOrEqual(2);
  });

  it('reports an abort from the caller as aborted', async () => {
    const r = await receiver(() => {
      /* never respond */
    });
    const controller = new AbortController();
    const pending = dispatcher.dispatch(post(r.url()), { signal: controller.signal, timeoutMs: 5000 });
    while (r.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await pending).toMatchObject({ status: null, errorKind: 'aborted' });
  });

  it('refuses non-http URLs without connecting', async () => {
    expect(await dispatcher.dispatch(post('file:///etc/passwd'))).toMatchObject({
      errorKind: 'blocked',
      errorMessage: 'endpoint URL scheme file: is not http: or https:',
    });
    expect((await dispatcher.dispatch(post('not a url'))).errorKind).toBe('blocked');
  });
});

describe('connect hook (SSRF guard seam)', () => {
  it('a guard that refuses the destination yields blocked and nothing reaches the server', async () => {
    const r = await receiver((_req, res) => res.writeHead(200).end());
    const seen: string[] = [];
    const guarded = createHttpDispatcher({
      connect: (options, callback) => {
        seen.push(`${options.hostname}:${options.port}`);
        const error = Object.assign(new Error(`destination ${options.hostname} is not allowed`), {
          code: DESTINATION_BLOCKED_CODE,
        });
        callback(error, null);
      },
    });
    try {
      const result = await guarded.dispatch(post(r.url()));
      expect(result).toMatchObject({ status: null, errorKind: 'blocked' });
      expect(result.errorMessage).toContain('127.0.0.1 is not allowed');
      expect(seen).toEqual([`127.0.0.1:${new URL(r.origin).port}`]);
      expect(r.requests).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });

  // undici's own connectors give up after 10 s; an endpoint allowed 20 s must get them.
  it("tells the hook to bound the connect by maxTimeoutMs, not by undici's 10 s default", async () => {
    const r = await receiver((_req, res) => res.writeHead(204).end());
    const real = buildConnector({});
    const timeouts: Array<number | undefined> = [];
    const hooked = createHttpDispatcher({
      maxTimeoutMs: 20_000,
      connect: (options, callback) => {
        timeouts.push((options as ConnectOptionsWithTimeout).timeout);
        real(options, callback);
      },
    });
    try {
      expect((await hooked.dispatch(post(r.url()), { timeoutMs: 20_000 })).status).toBe(204);
      expect(timeouts).toEqual([20_000]);
    } finally {
      await hooked.close();
    }
  });
});
