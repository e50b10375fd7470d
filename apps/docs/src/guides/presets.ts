// The numbers come from the sender itself, so this page cannot drift from what it does.
import { getPreset, type PresetName, presetNames } from '@taskhooks/sender/presets';

export interface PresetRow {
  name: PresetName;
  timeoutMs: number;
  maxAttempts: number;
  /** Delay before attempt 2, 3, …; the last delay repeats when attempts outnumber delays. */
  delaysMs: number[];
  /** Time from the first attempt to each later attempt, without jitter. */
  cumulativeMs: number[];
  jitter: number;
  retryOn: string[];
  notRetried: string[];
  maxRetryAfterMs: number;
}

const failureLabels = {
  network: 'network errors',
  timeout: 'timeouts',
  status429: '429',
  status5xx: '5xx',
  status4xx: 'other 4xx',
} as const;

export function presetRows(): PresetRow[] {
  return presetNames.map((name) => {
    const { policy, timeoutMs } = getPreset(name);
    const delaysMs: number[] = [];
    for (let attempt = 2; attempt <= policy.maxAttempts; attempt++) {
      const delay = policy.delaysMs[Math.min(attempt - 2, policy.delaysMs.length - 1)];
      if (delay !== undefined) delaysMs.push(delay);
    }
    let total = 0;
    const cumulativeMs = delaysMs.map((d) => (total += d));
    const keys = Object.keys(failureLabels) as (keyof typeof failureLabels)[];
    return {
      name,
      timeoutMs,
      maxAttempts: policy.maxAttempts,
      delaysMs,
      cumulativeMs,
      jitter: policy.jitter,
      retryOn: keys.filter((k) => policy.retryOn[k]).map((k) => failureLabels[k]),
      notRetried: keys.filter((k) => !policy.retryOn[k]).map((k) => failureLabels[k]),
      maxRetryAfterMs: policy.maxRetryAfterMs,
    };
  });
}

/** `5 s`, `5 min`, `2 h 35 min`: what a person reads in a retry table. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${ms} ms`;
  let seconds = Math.round(ms / 1000);
  const parts: string[] = [];
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (seconds) parts.push(`${seconds} s`);
  return parts.join(' ');
}
