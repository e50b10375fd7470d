import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts `listener` on 127.0.0.1 with an OS-assigned port. */
export async function listen(listener: RequestListener | Server): Promise<RunningServer> {
  const server = typeof listener === 'function' ? createServer(listener) : listener;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  json: { ok: boolean; outcome?: string; id?: string; error?: { code: string; message: string } };
}

export async function post(
  url: string,
  request: { body: string; headers: Record<string, string>; method?: string },
): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: request.method ?? 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!text.startsWith('{'))
    throw new Error(`expected a JSON answer, got ${response.status}: ${text.slice(0, 800)}`);
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as HttpAnswer['json'] };
}
