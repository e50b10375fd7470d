import type { Store } from '../store/types.js';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

/** An id no tenant has: the lookup proves the store answers without touching real rows. */
const PROBE_TENANT_ID = '__taskhooks_readyz_probe__';

/**
 * Ready = not shutting down and the store answers within `timeoutMs` (a hung database must fail
 * the probe, not hang it). Only the kind of failure is reported, never connection details.
 */
export async function checkReadiness(options: {
  stopping: boolean;
  store: Pick<Store, 'getTenant' | 'writeBlocker'>;
  timeoutMs?: number;
}): Promise<ReadinessReport> {
  const checks: Record<string, string> = { shutdown: options.stopping ? 'stopping' : 'ok' };
  checks.store = await probeStore(options.store, options.timeoutMs ?? 2000);
  return { ready: Object.values(checks).every((value) => value === 'ok'), checks };
}

/** The store answers a read, and nothing known stops its writes (every publish would get 503). */
async function probeStore(
  store: Pick<Store, 'getTenant' | 'writeBlocker'>,
  timeoutMs: number,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      store
        .getTenant(PROBE_TENANT_ID)
        .then(() => store.writeBlocker())
        .then(
          (blocker) => blocker ?? 'ok',
          (error: unknown) => `unreachable (${(error as { code?: string } | null)?.code ?? 'error'})`,
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
