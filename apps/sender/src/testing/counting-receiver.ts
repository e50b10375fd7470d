import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface CountingReceiverOptions {
  /** Answer each request after a random delay in [min, max] ms, so deliveries are really in flight. */
  delayMs?: { min: number; max: number };
  /** Status to answer (default 204). */
  status?: number;
}

export interface CountingReceiver {
  url: string;
  /** Requests per `webhook-id` header value. */
  countsById: Map<string, number>;
  /** Arrival time (Date.now()) of the first request per webhook-id. */
  firstArrivalById: Map<string, number>;
  /** Every request, in arrival order. */
  totalRequests(): number;
  /** Requests received but not answered yet. */
  unanswered(): number;
  /** Largest number of requests with the same webhook-id that were open at the same moment. */
  maxConcurrentSameId(): number;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver on 127.0.0.1 that keeps only what delivery tests assert on: how often each
 * message id arrived, when, and whether two copies were ever open at once. It keeps no bodies, so
 * tens of thousands of requests cost little memory.
 */
export async function startCountingReceiver(
  options: CountingReceiverOptions = {},
): Promise<CountingReceiver> {
  const countsById = new Map<string, number>();
  const firstArrivalById = new Map<string, number>();
  const openById = new Map<string, number>();
  const sockets = new Set<Socket>();
  let total = 0;
  let open = 0;
  let maxSame = 0;
  const status = options.status ?? 204;
  const { min, max } = options.delayMs ?? { min: 0, max: 0 };

  const server: Server = createServer((req, res) => {
    const id = String(req.headers['webhook-id'] ?? '');
    total++;
    open++;
    countsById.set(id, (countsById.get(id) ?? 0) + 1);
    if (!firstArrivalById.has(id)) firstArrivalById.set(id, Date.now());
    const same = (openById.get(id) ?? 0) + 1;
    openById.set(id, same);
    maxSame = Math.max(maxSame, same);
    req.resume();
    req.on('end', () => {
      const answer = () => {
        open--;
        openById.set(id, (openById.get(id) ?? 1) - 1);
        res.writeHead(status).end();
      };
      const wait = max > 0 ? min + Math.random() * (max - min) : 0;
      if (wait > 0) setTimeout(answer, wait);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    countsById,
    firstArrivalById,
    totalRequests: () => total,
    unanswered: () => open,
    maxConcurrentSameId: () => maxSame,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
