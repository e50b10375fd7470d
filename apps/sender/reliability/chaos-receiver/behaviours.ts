/**
 * What the chaos receiver can do with one webhook request, and what the sender must make of it.
 * Every behaviour is a real thing endpoints do in production; `expected` is the result the
 * sender's dispatcher has to record for it.
 */
export const chaosBehaviours = [
  'ok', // 200 at once
  'server_error', // 500
  'rate_limited', // 429 + Retry-After: 1
  'rejected', // 400: not retried by the policy
  'hang', // reads the request and never answers: the sender's timeout must fire
  'reset', // reads the request, then resets the TCP connection
  'slow_bytes', // the whole 200 response written one byte at a time, well inside the timeout
  'huge_ok', // 200 with a 16 MiB body: the attempt log keeps an excerpt, the rest is dropped
  'huge_error', // 500 with a 16 MiB body
] as const;

export type ChaosBehaviour = (typeof chaosBehaviours)[number];

export type ExpectedAttempt = { kind: 'status'; status: number } | { kind: 'timeout' } | { kind: 'network' };

export const RETRY_AFTER_SECONDS = 1;

export function expectedAttempt(behaviour: ChaosBehaviour): ExpectedAttempt {
  switch (behaviour) {
    case 'ok':
    case 'slow_bytes':
    case 'huge_ok':
      return { kind: 'status', status: 200 };
    case 'server_error':
    case 'huge_error':
      return { kind: 'status', status: 500 };
    case 'rate_limited':
      return { kind: 'status', status: 429 };
    case 'rejected':
      return { kind: 'status', status: 400 };
    case 'hang':
      return { kind: 'timeout' };
    case 'reset':
      return { kind: 'network' };
  }
}

/** What the sender must have seen for one request, given whether the receiver got its headers out in time. */
export function expectedFor(request: { behaviour: ChaosBehaviour; headersSent: boolean }): ExpectedAttempt {
  return request.headersSent ? expectedAttempt(request.behaviour) : { kind: 'timeout' };
}

export function isSuccess(request: { behaviour: ChaosBehaviour; headersSent: boolean }): boolean {
  const expected = expectedFor(request);
  return expected.kind === 'status' && expected.status < 300;
}

/** Relative weights: mostly successes, so deliveries finish, with every failure kind well represented. */
const WEIGHTS: Record<ChaosBehaviour, number> = {
  ok: 40,
  server_error: 10,
  rate_limited: 8,
  rejected: 3,
  hang: 6,
  reset: 8,
  slow_bytes: 8,
  huge_ok: 9,
  huge_error: 8,
};
const TOTAL_WEIGHT = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);

/** Picks a behaviour from `unit` in [0, 1) by the weights above. */
export function pickBehaviour(unit: number): ChaosBehaviour {
  let point = unit * TOTAL_WEIGHT;
  for (const behaviour of chaosBehaviours) {
    point -= WEIGHTS[behaviour];
    if (point < 0) return behaviour;
  }
  return 'ok';
}

/** mulberry32: a small seeded PRNG, so a run can be repeated with the same mix. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
