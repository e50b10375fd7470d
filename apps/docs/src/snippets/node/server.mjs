// A complete receiver on node:http: raw body first, verify, then parse, answer, dedupe by webhook-id.
import { createServer } from 'node:http';

/**
 * @param {(rawBody: Buffer, headers: import('node:http').IncomingHttpHeaders) => boolean} verify
 * @param {(payload: any, deliveryId: string | undefined) => Promise<void> | void} onEvent keep it fast: enqueue, do not process
 */
export function createWebhookServer(verify, onEvent) {
  const seen = new Set(); // use a shared store (Redis, a DB unique key) with more than one instance
  return createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks);
      if (!verify(rawBody, req.headers)) return void res.writeHead(401).end();
      let payload;
      try {
        payload = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return void res.writeHead(400).end();
      }
      const deliveryId = req.headers['webhook-id']; // the same on every retry of one message
      if (typeof deliveryId === 'string' && seen.has(deliveryId)) return void res.writeHead(204).end();
      try {
        await onEvent(payload, deliveryId);
        if (typeof deliveryId === 'string') seen.add(deliveryId);
        res.writeHead(204).end();
      } catch {
        res.writeHead(500).end(); // the sender retries 5xx
      }
    });
  });
}

// Usage:
//   createWebhookServer(
//     (body, headers) => verifyStandardWebhook(body, headers, process.env.WEBHOOK_SECRET),
//     (payload) => console.log(payload.event, payload.summary?.score_pct),
//   ).listen(3000);
