import { describe, expect, it } from 'vitest';
import { isEndpointDown } from './dispatch-result.js';
import { getPreset, type PresetName } from './presets.js';
import { type AttemptResultForPolicy, decideNextStep, type RetryPolicy } from './retry-policy.js';

const T0 = Date.UTC(2026, 1, 16, 1, 0, 0);
const noJitter = () => 0;
const s = (seconds: number) => seconds * 1000;

const http = (status: number, headers: Record<string, string> = {}): AttemptResultForPolicy => ({
  status,
  errorKind: status >= 200 && status < 300 ? null : 'http_status',
  headers,
});
const transport = (errorKind: 'network' | 'timeout' | 'blocked'): AttemptResultForPolicy => ({
  status: null,
  errorKind,
});

/** Replays failing attempts with a controllable clock; returns the gaps between attempts. */
function replaySchedule(policy: RetryPolicy, result: AttemptResultForPolicy, random = noJitter) {
  let now = T0;
  const gaps: number[] = [];
  for (let attempt = 1; attempt <= 50; attempt++) {
    const step = decideNextStep(policy, attempt, result, now, random);
    if (step.state !== 'pending') return { gaps, attempts: attempt, final: step };
    expect(step.nextAttemptAt).not.toBeNull();
    gaps.push(step.nextAttemptAt! - now);
    now = step.nextAttemptAt!;
  }
  throw new Error('schedule never ended');
}

describe('preset schedules match the seed documents', () => {
  const table: Array<{ preset: PresetName; timeoutMs: number; gaps: number[] }> = [
    { preset: 'seed-002', timeoutMs: s(3), gaps: [s(15), s(60), s(150), s(600)] },
    { preset: 'seed-003', timeoutMs: s(10), gaps: [s(1), s(5)] },
    { preset: 'seed-000', timeoutMs: s(10), gaps: [] },
    {
      preset: 'default',
      timeoutMs: s(10),
      gaps: [s(5), s(300), s(1800), s(7200), s(18000), s(36000), s(36000)],
    },
  ];

  it.each(table)('$preset: timeout $timeoutMs ms, gaps $gaps', ({ preset, timeoutMs, gaps }) => {
    const { policy, timeoutMs: presetTimeout } = getPreset(preset);
    expect(presetTimeout).toBe(timeoutMs);
    const replay = replaySchedule(policy, http(503));
    expect(replay.gaps).toEqual(gaps);
    expect(replay.attempts).toBe(gaps.length + 1);
    expect(replay.final.state).toBe('failed');
    expect(replay.final.reason).toContain(`gave up after ${gaps.length + 1}`);
  });

  it('seed-002 retries timeouts, network errors, 429 and every 5xx but no other 4xx', () => {
    const { policy } = getPreset('seed-002');
    // 600-999 (no such class; undici passes them on) count as a broken server, as for the breaker.
    for (const result of [
      transport('timeout'),
      transport('network'),
      http(429),
      http(500),
      http(599),
      http(600),
      http(999),
    ]) {
      expect(decideNextStep(policy, 1, result, T0).state).toBe('pending');
      expect(isEndpointDown(result as never)).toBe(true);
    }
    for (const status of [400, 401, 404, 410, 422]) {
      const step = decideNextStep(policy, 1, http(status), T0);
      expect(step).toMatchObject({ state: 'failed', nextAttemptAt: null });
      expect(step.reason).toContain(`HTTP ${status}`);
    }
  });

  it('seed-003 treats every non-2xx as a failure worth retrying and any 2xx as success', () => {
    const { policy } = getPreset('seed-003');
    for (const status of [200, 201, 202, 204, 299]) {
      expect(decideNextStep(policy, 1, http(status), T0).state).toBe('succeeded');
    }
    for (const status of [301, 400, 404, 429, 500]) {
      expect(decideNextStep(policy, 1, http(status), T0)).toEqual(
        expect.objectContaining({ state: 'pending', nextAttemptAt: T0 + s(1) }),
      );
    }
  });

  it('getPreset returns independent copies', () => {
    const a = getPreset('seed-002');
    a.policy.delaysMs.push(1);
    expect(getPreset('seed-002').policy.delaysMs).toHaveLength(4);
  });
});

describe('decideNextStep', () => {
  const seed002 = getPreset('seed-002').policy;

  it('never retries a blocked destination', () => {
    expect(decideNextStep(getPreset('seed-003').policy, 1, transport('blocked'), T0).state).toBe('failed');
  });

  it('redirects count as "other status" (not retried by seed-002)', () => {
    expect(decideNextStep(seed002, 1, http(302), T0).state).toBe('failed');
  });

  it('a 2xx on the last allowed attempt still succeeds', () => {
    expect(decideNextStep(seed002, 5, http(200), T0).state).toBe('succeeded');
  });

  it('repeats the last delay when maxAttempts outruns the delay list', () => {
    const policy: RetryPolicy = { ...seed002, maxAttempts: 7 };
    expect(replaySchedule(policy, transport('network')).gaps).toEqual([
      s(15),
      s(60),
      s(150),
      s(600),
      s(600),
      s(600),
    ]);
  });

  describe('Retry-After on 429/503', () => {
    const cases: Array<{ name: string; status: number; header: string; expected: number }> = [
      { name: 'seconds longer than the schedule', status: 429, header: '120', expected: s(120) },
      {
        name: 'seconds shorter than the schedule keep the schedule',
        status: 429,
        header: '2',
        expected: s(15),
      },
      { name: 'capped at maxRetryAfterMs', status: 503, header: '86400', expected: s(600) },
      {
        name: 'seconds beyond 2^53 are capped too, not ignored',
        status: 429,
        header: '9007199254740992',
        expected: s(600),
      },
      { name: 'a month and a year are not a date', status: 429, header: 'Feb 2099', expected: s(15) },
      {
        name: 'HTTP date',
        status: 503,
        header: new Date(T0 + s(90)).toUTCString(),
        expected: s(90),
      },
      {
        name: 'date in the past keeps the schedule',
        status: 429,
        header: 'Sun, 01 Jan 2017 00:00:00 GMT',
        expected: s(15),
      },
      { name: 'garbage is ignored', status: 429, header: 'soon-ish', expected: s(15) },
      { name: 'ignored on 500', status: 500, header: '300', expected: s(15) },
    ];
    it.each(cases)('$name', ({ status, header, expected }) => {
      const step = decideNextStep(seed002, 1, http(status, { 'Retry-After': header }), T0);
      expect(step.state).toBe('pending');
      expect(step.nextAttemptAt! - T0).toBe(expected);
    });
  });

  it('jitter adds at most the configured fraction, driven by the random source', () => {
    const policy = getPreset('default').policy;
    const low = decideNextStep(policy, 2, http(500), T0, () => 0);
    const mid = decideNextStep(policy, 2, http(500), T0, () => 0.5);
    const high = decideNextStep(policy, 2, http(500), T0, () => 0.999999);
    expect(low.nextAttemptAt! - T0).toBe(s(300));
    expect(mid.nextAttemptAt! - T0).toBe(s(330));
    expect(high.nextAttemptAt! - T0).toBe(s(360));
  });

  it('explains the decision', () => {
    expect(decideNextStep(seed002, 3, transport('timeout'), T0).reason).toBe(
      'timed out; attempt 4 of 5 in 2.5 min',
    );
    expect(decideNextStep(seed002, 5, http(503), T0).reason).toBe('HTTP 503; gave up after 5 of 5 attempts');
    // A delivery redelivered by hand after its schedule was spent: one more attempt, said plainly.
    const redelivered = decideNextStep(seed002, 6, http(503), T0);
    expect(redelivered.state).toBe('failed');
    expect(redelivered.reason).toBe(
      "HTTP 503; not retried: attempt 6 was a redelivery after the policy's 5 attempts",
    );
  });
});
