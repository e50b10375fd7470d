// What HTTP batch ingest costs per event on both ends: the server (ingest-server-child.ts) and the
// load generator, which calls it exactly as the delivery bench calls taskhooks (`callApi`, fetch).
// The load generator's share is not the sender's work, but it is CPU the machine spends per event
// only because events arrive over HTTP, so the budget leaves it out of what the sender may use.
import { callApi } from '../../src/testing/api-client.js';
import { forkBenchChild } from '../child-process.js';
import { cpuTimeMs } from '../process-stats.js';
import { msToUsPerEvent, selfCpuUs } from './cpu-clock.js';
import { publishInCalls } from './publish-loop.js';

export interface IngestCost {
  serverUs: number;
  loadGeneratorUs: number;
}

export async function measureHttpIngest(
  payload: Record<string, unknown>,
  events: number,
  warmupEvents: number,
): Promise<IngestCost> {
  const server = await forkBenchChild('floor/ingest-server-child.ts', {});
  try {
    server.send({ type: 'address' });
    const { port } = await server.next('address', 10_000);
    const baseUrl = `http://127.0.0.1:${port}`;
    const publishOne = async (count: number) => {
      const response = await callApi(baseUrl, 'floor-bench', 'events.publishBatch', {
        tenantId: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000',
        events: Array.from({ length: count }, () => ({
          model: 'plan_bound_v2',
          event: 'plan.failed',
          payload,
        })),
      });
      if (response.status !== 200) throw new Error(`ingest server answered HTTP ${response.status}`);
    };
    await publishInCalls(warmupEvents, publishOne);
    const serverBefore = cpuTimeMs(server.pid);
    const selfBefore = selfCpuUs();
    await publishInCalls(events, publishOne);
    return {
      loadGeneratorUs: (selfCpuUs() - selfBefore) / events,
      serverUs: msToUsPerEvent(serverBefore, cpuTimeMs(server.pid), events),
    };
  } finally {
    await server.close();
  }
}
