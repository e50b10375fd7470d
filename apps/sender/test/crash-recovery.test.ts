import { afterEach, describe, expect, it } from 'vitest';
import { killAllSenderProcesses } from '../src/testing/sender-process.js';
import { runSigkillDrill } from '../src/testing/sigkill-drill.js';
import type { Backend } from '../src/testing/temp-store.js';

const EVENTS = 3000;
const CONCURRENCY = 32;

afterEach(() => killAllSenderProcesses());

describe.each<Backend>(['sqlite', 'postgres'])('crash recovery (real processes) on %s', (kind) => {
  it('SIGKILL mid-delivery loses nothing; after a restart every message arrives, duplicates ≤ the in-flight bound', async () => {
    const drill = await runSigkillDrill(kind, { events: EVENTS, concurrency: CONCURRENCY });
    console.log(
      `[crash-recovery ${kind}] sent=${EVENTS} delivered=${drill.delivered} duplicates=${drill.duplicates} ` +
        `(acknowledged before kill=${drill.acknowledgedAtKill}, delivered before kill=${drill.deliveredAtKill}, ` +
        `requests open at kill=${drill.requestsOpenAtKill}, unacknowledged but stored=${drill.unacknowledgedDelivered}, bound=${CONCURRENCY})`,
    );
    expect(drill.acknowledgedAtKill).toBeLessThan(EVENTS);
    expect(drill.published).toBe(EVENTS);
    // Everything stored — including a batch committed just before the kill but never acknowledged.
    expect(drill.counts).toMatchObject({ pending: 0, in_flight: 0, failed: 0 });
    expect(drill.counts.succeeded).toBe(drill.delivered + drill.unacknowledgedDelivered);
    expect(drill.lostIds).toEqual([]);
    expect(drill.delivered).toBe(EVENTS);
    expect(drill.duplicates).toBeLessThanOrEqual(CONCURRENCY);
    // The restarted process is healthy and still accepts work after recovering.
    expect(drill.publishAfterRecovery).toBe(200);
    expect(drill.restartedExitCode).toBe(0);
  }, 180_000); // the drill's own waits (up to 90 s for the drain) fire first, with their message
});
