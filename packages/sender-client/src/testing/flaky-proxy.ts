import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with the next request: answer 503 without forwarding, drop the connection,
 * forward it but lose the answer (503 to the client — the ambiguous case), forward it and break the
 * connection in the middle of the sender's answer, refuse it with a 429 whose body breaks off,
 * answer 200 with a page that is not the API's, or forward normally.
 */
export type ProxyStep =
  | 'unavailable'
  | 'drop'
  | 'forward_then_unavailable'
  | 'forward_then_cut'
  | 'cut_429'
  | 'html_200'
  | 'forward';

export interface FlakyProxy {
  url: string;
  /** Every request the proxy received, in order. */
  requests: { method: string; path: string; body: string }[];
  /** How many requests reached the sender. */
  forwarded: number;
  close(): Promise<void>;
}

/** A real HTTP proxy on 127.0.0.1 in front of the sender that fails the first requests as scripted. */
export async function startFlakyProxy(target: string, plan: ProxyStep[]): Promise<FlakyProxy> {
  const steps = [...plan];
  const sockets = new Set<Socket>();
  const proxy: FlakyProxy = { url: '', requests: [], forwarded: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    // A client abort or an upstream failure ends this one request, never the test process.
    handle(req, res).catch(() => res.destroy());
  });
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    proxy.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8') });
    const step = steps.shift() ?? 'forward';
    if (step === 'drop') return void req.socket.destroy();
    if (step === 'unavailable')
      return void res.writeHead(503, { 'retry-after': '0' }).end('proxy: unavailable');
    if (step === 'cut_429') {
      // Refused (nothing done), but the answer breaks off in its body.
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json', 'content-length': 200 });
      res.write('{"error":');
      return void setTimeout(() => req.socket.destroy(), 10);
    }
    if (step === 'html_200')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    const answer = await forward(target, req, body);
    proxy.forwarded++;
    if (step === 'forward_then_unavailable') return void res.writeHead(503).end('<html>bad gateway</html>');
    if (step === 'forward_then_cut') {
      // The status and half the body arrive, then the connection breaks.
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'content-length': answer.body.length,
      });
      res.write(answer.body.subarray(0, answer.body.length >> 1));
      return void setTimeout(() => req.socket.destroy(), 10);
    }
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

function forward(target: string, req: http.IncomingMessage, body: Buffer) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const { host: _host, ...headers } = req.headers;
      const upstream = http.request(`${target}${req.url}`, { method: req.method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 502,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      upstream.on('error', reject);
      upstream.end(body);
    },
  );
}
