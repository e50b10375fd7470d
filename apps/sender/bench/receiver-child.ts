// The benchmark's webhook receiver, in its own process so it never shares an event loop with a
// sender. Answers 204 at once, remembers the first arrival time of each webhook-id, and reports
// over IPC: when `expected` distinct ids have arrived, and (on request) every arrival time.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Wall-clock ms with sub-ms precision; the parent uses the same formula on the same host clock. */
const wallClock = () => performance.timeOrigin + performance.now();

type Command =
  | { type: 'expect'; count: number }
  | { type: 'arrivals' }
  | { type: 'reset' }
  | { type: 'exit' };

let arrivals = new Map<string, number>();
let requests = 0;
let expected = Number.POSITIVE_INFINITY;

const server = createServer((req, res) => {
  const id = String(req.headers['webhook-id'] ?? '');
  const at = wallClock();
  requests++;
  req.resume();
  req.on('end', () => {
    res.writeHead(204).end();
    if (arrivals.has(id)) return;
    arrivals.set(id, at);
    if (arrivals.size === expected) {
      expected = Number.POSITIVE_INFINITY;
      process.send?.({ type: 'reached', at, requests });
    }
  });
});
server.keepAliveTimeout = 60_000;

process.on('message', (command: Command) => {
  if (command.type === 'expect') {
    expected = command.count;
    if (arrivals.size >= expected) process.send?.({ type: 'reached', at: wallClock(), requests });
  } else if (command.type === 'arrivals') {
    process.send?.({ type: 'arrivals', arrivals: [...arrivals], requests });
  } else if (command.type === 'reset') {
    arrivals = new Map();
    requests = 0;
    expected = Number.POSITIVE_INFINITY;
    process.send?.({ type: 'reset' });
  } else if (command.type === 'exit') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
// Never outlive the benchmark.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
