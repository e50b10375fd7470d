import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/api-client.js';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { checkClockAgainstDatabase } from './clock-skew.js';
import { createDeliveryWorker } from './worker.js';

function capturingLogger() {
  const warnings: Array<{ details: Record<string, unknown>; message: string }> = [];
  return {
    warnings,
    logger: {
      warn: (details: object, message: string) =>
        warnings.push({ details: details as Record<string, unknown>, message }),
      error: () => {},
    },
  };
}

let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.close();
  temp = null;
});

describe("a worker's clock against the database's", () => {
  it('warns at start when this worker runs a minute ahead of PostgreSQL, naming the offset and the fix', async () => {
    temp = await openTempStore('postgres');
    const { warnings, logger } = capturingLogger();
    const worker = createDeliveryWorker({
      store: temp.store,
      workerId: 'fast-clock',
      clock: () => Date.now() + 60_000,
      maxTimeoutMs: 10_000,
      logger,
    });
    worker.start();
    try {
      const warning = await waitFor(() => warnings[0], 'the clock warning');
      // The offset is measured to within half a round trip, so the printed figure may be 59.9.
      expect(warning.message).toMatch(
        /clock is (59\.9|60\.0|60\.1) s ahead of the database's \(tolerance 1\.25 s\)/,
      );
      expect(warning.message).toMatch(/NTP/);
      expect(warning.details.offsetMs).toBeLessThan(-59_000);
      expect(warning.details.offsetMs).toBeGreaterThan(-61_000);
    } finally {
      await worker.stop({ graceMs: 0 });
    }
    expect(warnings).toHaveLength(1);
  });

  it('stays quiet for a clock in step with PostgreSQL, and reports a lagging one as behind', async () => {
    temp = await openTempStore('postgres');
    const { warnings, logger } = capturingLogger();
    const inStep = await checkClockAgainstDatabase({
      store: temp.store,
      clock: Date.now,
      recordMarginMs: 5_000,
      logger,
    });
    expect(inStep).not.toBeNull();
    expect(warnings).toEqual([]);
    await checkClockAgainstDatabase({
      store: temp.store,
      clock: () => Date.now() - 3_000,
      recordMarginMs: 5_000,
      logger,
    });
    // Measured to within half a round trip: 2.99 s is as right as 3.01 s.
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/clock is (2\.9\d|3\.0\d) s behind the database's \(tolerance 1\.25 s\)/),
    ]);
    expect(warnings[0]!.details.offsetMs).toBeGreaterThan(2_800);
    expect(warnings[0]!.details.offsetMs).toBeLessThan(3_200);
  });

  it('has nothing to compare on SQLite, which shares this process clock', async () => {
    temp = await openTempStore('sqlite');
    const { warnings, logger } = capturingLogger();
    const measured = await checkClockAgainstDatabase({
      store: temp.store,
      clock: () => Date.now() + 60_000,
      recordMarginMs: 5_000,
      logger,
    });
    expect(measured).toBeNull();
    expect(warnings).toEqual([]);
  });
});
