import { Pool } from 'undici';
import { startBenchReceiver } from './receiver-client.ts';
import { startTaskhooks, wallClock } from './throughput.ts';
import { loadSeedExample } from '../src/testing/seed-data.ts';
const receiver = await startBenchReceiver();
const run = await startTaskhooks((process.argv[2] ?? 'sqlite') as 'sqlite', receiver.url, { env: { TASKHOOKS_LOG_LEVEL: 'debug' } });
const api = new Pool(run.sender.url!, { connections: 4 });
const body = JSON.stringify({ tenantId: run.tenantId, model: 'plan_bound_v2', event: 'plan.failed', payload: loadSeedExample() });
for (let i = 0; i < 10; i++) {
  const t0 = wallClock();
  const r = await api.request({ method: 'POST', path: '/trpc/events.publish', headers: { 'content-type': 'application/json', authorization: 'Bearer test-admin-key-0123456789abcdef' }, body });
  const j = (await r.body.json()) as any; const t1 = wallClock();
  const reached = await receiver.waitForDistinct(i + 1, 5000);
  console.log('publish ms', (t1 - t0).toFixed(2), 'delivered after ms', (reached.at - t0).toFixed(2));
  await new Promise((res) => setTimeout(res, 100));
}
await api.close(); await run.dispose(); await receiver.close();
