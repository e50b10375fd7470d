// The HTTP ingest floor: a bare node:http server taking `events.publishBatch` calls as the sender's
// API receives them (100 events, ~236 KB of JSON), reading the body, parsing it and answering one
// message id per event in tRPC's shape. No routing, auth, validation or store: those are measured
// on their own, so this is what any HTTP batch API has to spend before it does anything.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uuidv7 } from '../../src/ids/uuidv7.js';

interface PublishBatchInput {
  events: unknown[];
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PublishBatchInput;
    const results = input.events.map(() => ({ messageId: uuidv7(), duplicate: false, deliveriesCreated: 1 }));
    const body = JSON.stringify({ result: { data: { results } } });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;

process.on('message', (command: { type: string }) => {
  if (command.type === 'address') {
    process.send?.({ type: 'address', port: (server.address() as AddressInfo).port });
  } else if (command.type === 'exit') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
// Never outlive the benchmark.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready' }));
