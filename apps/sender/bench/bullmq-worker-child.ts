// The BullMQ comparison point: a Worker (concurrency 64) that POSTs each job's payload with undici,
// in its own process like a taskhooks sender. Jobs are what a typical app would enqueue: the event
// payload; the worker serialises it and sends it with the job id as webhook-id.
import { Worker } from 'bullmq';
import { Pool } from 'undici';

const receiverUrl = new URL(process.env.RECEIVER_URL!);
const pool = new Pool(receiverUrl.origin, { connections: 64 });
const worker = new Worker(
  process.env.QUEUE_NAME!,
  async (job) => {
    const response = await pool.request({
      method: 'POST',
      path: receiverUrl.pathname,
      headers: { 'content-type': 'application/json', 'webhook-id': String(job.id) },
      body: JSON.stringify(job.data),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    await response.body.dump();
    if (response.statusCode >= 300) throw new Error(`HTTP ${response.statusCode}`);
  },
  {
    connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
    concurrency: Number(process.env.CONCURRENCY ?? 64),
  },
);

process.on('message', async (message: { type: string }) => {
  if (message.type !== 'exit') return;
  await worker.close();
  await pool.close();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));
void worker.waitUntilReady().then(() => process.send?.({ type: 'ready' }));
