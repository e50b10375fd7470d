import { describe, expect, it } from 'vitest';
import { getPreset, presetNames } from '../../../sender/src/delivery/presets.js';
import { formatDuration, presetRows } from './presets.js';

describe('retry preset rows', () => {
  const rows = presetRows();

  it('has one row per sender preset with one delay per retry', () => {
    expect(rows.map((r) => r.name)).toEqual([...presetNames]);
    for (const row of rows) {
      const { policy, timeoutMs } = getPreset(row.name);
      expect(row.delaysMs).toHaveLength(policy.maxAttempts - 1);
      expect(row.timeoutMs).toBe(timeoutMs);
      expect(row.cumulativeMs.at(-1) ?? 0).toBe(row.delaysMs.reduce((a, b) => a + b, 0));
    }
  });

  it('repeats the last delay when a policy has more attempts than delays', () => {
    const { policy } = getPreset('default');
    const row = rows.find((r) => r.name === 'default');
    expect(row?.delaysMs.at(-1)).toBe(policy.delaysMs.at(-1));
    expect(row?.retryOn).toEqual(['network errors', 'timeouts', '429', '5xx']);
    expect(row?.notRetried).toEqual(['other 4xx']);
  });

  it('formats durations the way a table reader expects', () => {
    expect(formatDuration(0)).toBe('0');
    expect(formatDuration(5_000)).toBe('5 s');
    expect(formatDuration(150_000)).toBe('2 min 30 s');
    expect(formatDuration(99_300_000)).toBe('27 h 35 min');
  });
});
