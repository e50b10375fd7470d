import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type ChaosBehaviour,
  isSuccess,
  pickBehaviour,
  RETRY_AFTER_SECONDS,
  seededRandom,
} from './behaviours.js';

/** One request as the receiver saw it: when it arrived, what it did, when the exchange ended. */
export interface ChaosRequest {
  /** `webhook-id` header (the message id). */
  id: string;
  /** 0 for the first request with this id, 1 for the next… */
  index: number;
  behaviour: ChaosBehaviour;
  arrivedAt: number;
  /** When the response was fully written or the connection closed, whichever came first. */
  endedAt: number | null;
  /**
   * False when the sender hung up before the status line and headers were all written (a
   * `slow_bytes` answer overtaken by the sender's timeout): the sender saw a timeout then. Once
   * the headers are out the status decides the outcome, even if the body is cut short.
   */
  headersSent: boolean;
}

export interface ChaosReceiverOptions {
  seed?: number;
  /** Delay between the bytes of a `slow_bytes` answer. */
  slowByteIntervalMs?: number;
  /** A `slow_bytes` answer sends what is left at once after this long (keep it well under the sender's timeout). */
  slowBudgetMs?: number;
  /** Body size of `huge_ok` / `huge_error`. */
  hugeBodyBytes?: number;
  /**
   * After this many failing answers in a row, the next answer is `ok`. The sender's circuit
   * breaker would otherwise pause the endpoint for its 30 s cooldown now and then, which is tested
   * on its own and would only make this scenario slow.
   */
  maxFailureStreak?: number;
  /** Always behave this way (e.g. a receiver that only hangs). */
  only?: ChaosBehaviour;
}

export interface ChaosReceiver {
  url: string;
  /** Every request per id, in arrival order. */
  requestsById: Map<string, ChaosRequest[]>;
  /** Requests per behaviour. */
  behaviourCounts(): Record<string, number>;
  /** Requests whose exchange has not ended yet. */
  open(): number;
  close(): Promise<void>;
}

const SLOW_RESPONSE = Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 4\r\nconnection: close\r\n\r\nslow');
const SLOW_HEADERS_END = SLOW_RESPONSE.indexOf('\r\n\r\n') + 4;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

/**
 * A real HTTP server on 127.0.0.1 that answers webhook requests with a seeded mix of good and
 * bad behaviours and records each exchange's time span, so tests can check the sender's attempt
 * log against what really happened and that two requests for one delivery never overlapped.
 */
export async function startChaosReceiver(options: ChaosReceiverOptions = {}): Promise<ChaosReceiver> {
  const random = seededRandom(options.seed ?? 8);
  const slowMs = options.slowByteIntervalMs ?? 3;
  const slowBudgetMs = options.slowBudgetMs ?? 600;
  const hugeBytes = options.hugeBodyBytes ?? 16 * 1024 * 1024;
  const maxStreak = options.maxFailureStreak ?? 2;
  const requestsById = new Map<string, ChaosRequest[]>();
  const counts: Record<string, number> = {};
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let streak = 0;
  let open = 0;

  const choose = (): ChaosBehaviour => {
    if (options.only) return options.only;
    const picked = streak >= maxStreak ? 'ok' : pickBehaviour(random());
    streak = isSuccess({ behaviour: picked, headersSent: true }) ? 0 : streak + 1;
    return picked;
  };

  const server = createServer((req, res) => {
    const id = String(req.headers['webhook-id'] ?? '');
    const previous = requestsById.get(id) ?? [];
    const record: ChaosRequest = {
      id,
      index: previous.length,
      behaviour: choose(),
      arrivedAt: Date.now(),
      endedAt: null,
      headersSent: true,
    };
    requestsById.set(id, [...previous, record]);
    counts[record.behaviour] = (counts[record.behaviour] ?? 0) + 1;
    open++;
    const end = () => {
      if (record.endedAt !== null) return;
      record.endedAt = Date.now();
      open--;
    };
    // 'close' also fires when the socket closes under an unanswered (hang, slow_bytes) response.
    res.once('finish', end);
    res.once('close', end);
    req.resume();
    req.once('end', () => behave(record, req, res, end));
  });

  function behave(record: ChaosRequest, req: IncomingMessage, res: ServerResponse, end: () => void) {
    switch (record.behaviour) {
      case 'ok':
        return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      case 'server_error':
        return res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      case 'rate_limited':
        return res.writeHead(429, { 'retry-after': String(RETRY_AFTER_SECONDS) }).end('slow down');
      case 'rejected':
        return res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      case 'hang':
        return; // the sender's timeout ends it
      case 'reset':
        return req.socket.resetAndDestroy();
      case 'slow_bytes':
        record.headersSent = false;
        return writeSlowly(
          req.socket,
          () => {
            record.headersSent = true;
          },
          end,
        );
      case 'huge_ok':
        return streamHuge(res, 200);
      case 'huge_error':
        return streamHuge(res, 500);
    }
  }

  /**
   * The raw response, status line included, one byte per tick (the server's own writer stays out).
   * Past `slowBudgetMs` the rest goes at once: on a loaded machine timers run late, and the answer
   * is meant to be slow, not to time out.
   */
  function writeSlowly(socket: Socket, onHeaders: () => void, done: () => void) {
    const started = Date.now();
    let at = 0;
    const next = () => {
      if (socket.destroyed) return;
      const size = Date.now() - started > slowBudgetMs ? SLOW_RESPONSE.length - at : 1;
      socket.write(SLOW_RESPONSE.subarray(at, at + size));
      at += size;
      if (at >= SLOW_HEADERS_END) onHeaders();
      if (at === SLOW_RESPONSE.length) {
        socket.end();
        return done();
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        next();
      }, slowMs);
      timers.add(timer);
    };
    next();
  }

  /** Streams `hugeBytes` with back-pressure until done or the sender hangs up. */
  function streamHuge(res: ServerResponse, status: number) {
    res.writeHead(status, { 'content-type': 'text/plain', 'content-length': String(hugeBytes) });
    let sent = 0;
    const pump = () => {
      while (sent < hugeBytes && !res.destroyed) {
        const part = CHUNK.subarray(0, Math.min(CHUNK.length, hugeBytes - sent));
        sent += part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on('error', () => {});
    pump();
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requestsById,
    behaviourCounts: () => ({ ...counts }),
    open: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
