import type { RetryPolicy } from '../store/types.js';

/** A retry policy together with the per-attempt timeout it was documented with. */
export interface DeliveryPreset {
  policy: RetryPolicy;
  timeoutMs: number;
}

export const presetNames = ['default', 'seed-000', 'seed-002', 'seed-003'] as const;
export type PresetName = (typeof presetNames)[number];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const retryEverything = { network: true, timeout: true, status429: true, status5xx: true, status4xx: true };
const retryTransient = { network: true, timeout: true, status429: true, status5xx: true, status4xx: false };

/**
 * `default` follows the Svix / Standard Webhooks schedule, with up to +20 % random delay so a
 * receiver that comes back after an outage is not hit by every queued retry in the same second:
 *
 * | attempt | delay before it | cumulative (no jitter) |
 * |--------:|----------------:|-----------------------:|
 * |       1 |               0 |                      0 |
 * |       2 |             5 s |                    5 s |
 * |       3 |           5 min |                  5 min |
 * |       4 |          30 min |                 35 min |
 * |       5 |             2 h |                2 h 35m |
 * |       6 |             5 h |                7 h 35m |
 * |       7 |            10 h |               17 h 35m |
 * |       8 |            10 h |               27 h 35m |
 *
 * Retries network errors, timeouts, 429 and 5xx; other 4xx and 3xx mean the request itself is
 * wrong (bad URL, auth) and repeating it cannot help. Retry-After may lengthen a delay up to 1 h.
 */
const defaultPreset: DeliveryPreset = {
  timeoutMs: 10 * SECOND,
  policy: {
    preset: 'default',
    maxAttempts: 8,
    delaysMs: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
    jitter: 0.2,
    retryOn: retryTransient,
    maxRetryAfterMs: HOUR,
  },
};

/**
 * seed-000 (DinkyTask family webhook): "maximum timeout of 10 seconds", each call logged with
 * success/failure, and no retries promised. Its payload carries no id, so receivers such as IFTTT
 * or Zapier cannot de-duplicate: one attempt, exactly as documented.
 */
const seed000Preset: DeliveryPreset = {
  timeoutMs: 10 * SECOND,
  policy: {
    preset: 'seed-000',
    maxAttempts: 1,
    delaysMs: [],
    jitter: 0,
    retryOn: retryTransient,
    maxRetryAfterMs: 0,
  },
};

/**
 * seed-002 (extension webhooks): ~3 s timeout; retried on timeout, network error, 429 and any
 * 5xx, never on other 4xx; backoff 15 s, 60 s, 150 s, 600 s (so 5 attempts), no jitter.
 * Retry-After may stretch a delay, but never past the documented longest delay (600 s).
 */
const seed002Preset: DeliveryPreset = {
  timeoutMs: 3 * SECOND,
  policy: {
    preset: 'seed-002',
    maxAttempts: 5,
    delaysMs: [15 * SECOND, 60 * SECOND, 150 * SECOND, 600 * SECOND],
    jitter: 0,
    retryOn: retryTransient,
    maxRetryAfterMs: 600 * SECOND,
  },
};

/**
 * seed-003 (OpenTask): 10 s timeout, "up to 3 attempts on failure (1 s and 5 s delays)",
 * "success: any 2xx". Failure is therefore every non-2xx answer as well as timeouts and network
 * errors, so all of them are retried (a 4xx costs at most two extra requests within 6 s).
 * Retry-After may stretch a delay up to the documented longest delay (5 s).
 */
const seed003Preset: DeliveryPreset = {
  timeoutMs: 10 * SECOND,
  policy: {
    preset: 'seed-003',
    maxAttempts: 3,
    delaysMs: [1 * SECOND, 5 * SECOND],
    jitter: 0,
    retryOn: retryEverything,
    maxRetryAfterMs: 5 * SECOND,
  },
};

const presets: Record<PresetName, DeliveryPreset> = {
  default: defaultPreset,
  'seed-000': seed000Preset,
  'seed-002': seed002Preset,
  'seed-003': seed003Preset,
};

export function isPresetName(name: string): name is PresetName {
  return (presetNames as readonly string[]).includes(name);
}

/** A fresh copy of a preset, so callers may adjust it without touching the shared definition. */
export function getPreset(name: PresetName): DeliveryPreset {
  const preset = presets[name];
  return structuredClone(preset);
}

/**
 * Whether an endpoint's schedule is a seed's documented one, which taskhooks serves exactly: no
 * circuit breaker delays its retries (a seed-003 receiver expects attempts at 0, 1 s and 6 s, not
 * a 30 s hold after five failures). The per-endpoint concurrency cap still isolates it.
 */
export function followsDocumentedSchedule(policy: RetryPolicy): boolean {
  return policy.preset !== undefined && policy.preset !== 'default' && isPresetName(policy.preset);
}
