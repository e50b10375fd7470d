import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../testing/temp-store.js';
import { checkReadiness } from './health.js';

let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.close().catch(() => {});
  temp = null;
});

describe('checkReadiness', () => {
  it('is ready while the store answers and the process is not stopping', async () => {
    temp = await openTempStore('sqlite');
    expect(await checkReadiness({ stopping: false, store: temp.store })).toEqual({
      ready: true,
      checks: { shutdown: 'ok', store: 'ok' },
    });
    expect(await checkReadiness({ stopping: true, store: temp.store })).toEqual({
      ready: false,
      checks: { shutdown: 'stopping', store: 'ok' },
    });
  });

  it('is not ready once the store cannot answer', async () => {
    temp = await openTempStore('sqlite');
    await temp.store.close();
    const report = await checkReadiness({ stopping: false, store: temp.store });
    expect(report.ready).toBe(false);
    expect(report.checks.store).toMatch(/^unreachable/);
  });
});
