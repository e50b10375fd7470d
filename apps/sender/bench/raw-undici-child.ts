// The ceiling: nothing but an undici Pool POSTing the payload as fast as 64 requests in flight allow.
import { Pool } from 'undici';

const receiverUrl = new URL(process.env.RECEIVER_URL!);
const total = Number(process.env.EVENTS);
const concurrency = Number(process.env.CONCURRENCY ?? 64);
const body = process.env.PAYLOAD_JSON!;
const pool = new Pool(receiverUrl.origin, { connections: concurrency });

process.on('message', async (message: { type: string }) => {
  if (message.type === 'start') {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const id = `raw-${next++}`;
          const response = await pool.request({
            method: 'POST',
            path: receiverUrl.pathname,
            headers: { 'content-type': 'application/json', 'webhook-id': id },
            body,
          });
          await response.body.dump();
        }
      }),
    );
    process.send?.({ type: 'done' });
  } else if (message.type === 'exit') {
    await pool.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
