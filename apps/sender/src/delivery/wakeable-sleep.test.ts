import { describe, expect, it } from 'vitest';
import { WakeableSleep } from './wakeable-sleep.js';

/** Sleeps (up to `ms`) and returns how long the sleep lasted. */
async function timedSleep(sleep: WakeableSleep, ms: number): Promise<number> {
  const started = Date.now();
  await sleep.sleep(ms);
  return Date.now() - started;
}

describe('WakeableSleep', () => {
  it('remembers a wake that arrives while nobody sleeps', async () => {
    const sleep = new WakeableSleep();
    sleep.wake();
    expect(await timedSleep(sleep, 10_000)).toBeLessThan(1_000);
  });

  it('keeps every alarm: a later one set before an earlier one still wakes the sleeper', async () => {
    const sleep = new WakeableSleep();
    // Far apart, so a stalled event loop on a busy machine cannot blur which alarm woke it.
    sleep.wakeIn(1_500);
    sleep.wakeIn(100);
    expect(sleep.alarmCount).toBe(2);
    const first = await timedSleep(sleep, 10_000);
    expect(first).toBeGreaterThanOrEqual(90);
    expect(first).toBeLessThan(1_400);
    expect(sleep.alarmCount).toBe(1);
    const started = Date.now();
    await sleep.sleep(10_000);
    const second = Date.now() - started + first;
    expect(second).toBeGreaterThanOrEqual(1_490);
    expect(second).toBeLessThan(6_000);
    expect(sleep.alarmCount).toBe(0);
  });

  it('merges alarms within one grain and bounds how many it remembers, keeping the earliest', () => {
    const sleep = new WakeableSleep();
    // A hundred retries due at (nearly) the same moment: one wake-up, two if the clock ticked
    // across a grain boundary meanwhile.
    for (let i = 0; i < 100; i++) sleep.wakeIn(60_000);
    expect(sleep.alarmCount).toBeLessThanOrEqual(2);
    sleep.cancelAlarms();
    for (let i = 0; i < 5_000; i++) sleep.wakeIn(100_000 + i * 100);
    expect(sleep.alarmCount).toBe(4096);
    // An earlier alarm still gets in, pushing out the latest.
    sleep.wakeIn(1_000);
    expect(sleep.alarmCount).toBe(4096);
    sleep.cancelAlarms();
    expect(sleep.alarmCount).toBe(0);
  });
});
