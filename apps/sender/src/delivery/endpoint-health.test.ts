import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationalEvent } from '../store/types.js';
import { type Backend, openTempStore, T0, type TempStore } from '../testing/temp-store.js';
import { EndpointHealth } from './endpoint-health.js';

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore();
});
afterEach(async () => {
  await temp.close();
});

describe('EndpointHealth on a real SQLite store', () => {
  it('records when failing started, disables after the period and reports it once', async () => {
    const endpoint = await temp.addEndpoint('http://127.0.0.1:9/hook?key=secret-in-url');
    const forwarded: OperationalEvent[] = [];
    const health = new EndpointHealth({
      store: temp.store,
      disableAfterMs: 60_000,
      onOperationalEvent: (event) => void forwarded.push(event),
    });

    expect(await health.recordFailure(endpoint, T0 + 1000, 'network: ECONNREFUSED')).toBe(false);
    const failing = (await temp.store.getEndpoint(endpoint.id))!;
    expect(failing).toMatchObject({ failingSince: T0 + 1000, enabled: true });

    expect(await health.recordFailure(failing, T0 + 60_999, 'timeout')).toBe(false);
    expect(await health.recordFailure(failing, T0 + 61_000, 'HTTP 503')).toBe(true);
    const disabled = (await temp.store.getEndpoint(endpoint.id))!;
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toContain('every attempt failed since 2026-02-16T01:00:01.000Z');
    expect(disabled.disabledReason).toContain('HTTP 503');

    // A delivery claimed before the switch-off finishing afterwards must not report it again.
    expect(await health.recordFailure(failing, T0 + 62_000, 'HTTP 503')).toBe(false);
    const events = await temp.store.listOperationalEvents(10);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'endpoint.disabled', tenantId: temp.tenantId });
    expect(JSON.parse(events[0]!.detailJson)).toMatchObject({
      endpointId: endpoint.id,
      failingSince: T0 + 1000,
    });
    expect(events[0]!.detailJson).not.toContain('secret-in-url');
    expect(forwarded.map((e) => e.id)).toEqual([events[0]!.id]);
  });

  it('a success resets the failing clock', async () => {
    const endpoint = await temp.addEndpoint('http://127.0.0.1:9/hook');
    const health = new EndpointHealth({ store: temp.store, disableAfterMs: 60_000 });
    await health.recordFailure(endpoint, T0 + 1000, 'timeout');
    await health.recordSuccess(endpoint, T0 + 2000);
    expect((await temp.store.getEndpoint(endpoint.id))!.failingSince).toBeNull();
    // Failing again starts a new period: 59 s later is not yet long enough.
    await health.recordFailure(endpoint, T0 + 3000, 'timeout');
    expect(await health.recordFailure(endpoint, T0 + 62_000, 'timeout')).toBe(false);
    expect((await temp.store.getEndpoint(endpoint.id))!).toMatchObject({
      enabled: true,
      failingSince: T0 + 3000,
    });
  });

  it('a failing operator callback is reported, not thrown', async () => {
    const endpoint = await temp.addEndpoint('http://127.0.0.1:9/hook');
    const errors: string[] = [];
    const health = new EndpointHealth({
      store: temp.store,
      disableAfterMs: 0,
      onOperationalEvent: () => {
        throw new Error('operator endpoint down');
      },
      onError: (_error, context) => errors.push(context),
    });
    expect(await health.recordFailure(endpoint, T0 + 1, 'timeout')).toBe(true);
    expect(errors).toEqual(['onOperationalEvent']);
  });
});

describe.each(['sqlite', 'postgres'] as Backend[])('EndpointHealth racing itself (%s)', (backend) => {
  let store: TempStore;
  beforeEach(async () => {
    store = await openTempStore(backend);
  });
  afterEach(async () => {
    await store.close();
  });

  it('a failure recorded while a success is being written starts a new period, it does not disable', async () => {
    const created = await store.addEndpoint('http://127.0.0.1:9/hook');
    const snapshot = (await store.store.updateEndpoint(created.id, { failingSince: T0 }, T0))!;
    const events: OperationalEvent[] = [];
    const health = new EndpointHealth({
      store: store.store,
      disableAfterMs: 1000,
      onOperationalEvent: (event) => void events.push(event),
    });
    // Two attempts of one claim (same snapshot, failing since T0): a 200, then a 503.
    const [, disabled] = await Promise.all([
      health.recordSuccess(snapshot, T0 + 2000),
      health.recordFailure(snapshot, T0 + 2001, 'HTTP 503'),
    ]);
    expect(disabled).toBe(false);
    expect(await store.store.getEndpoint(created.id)).toMatchObject({
      enabled: true,
      failingSince: T0 + 2001,
    });
    // The new period counts from T0 + 2001, not from the stale snapshot's T0.
    expect(await health.recordFailure(snapshot, T0 + 3000, 'HTTP 503')).toBe(false);
    expect(await health.recordFailure(snapshot, T0 + 3001, 'HTTP 503')).toBe(true);
    expect(events.map((event) => JSON.parse(event.detailJson).failingSince)).toEqual([T0 + 2001]);
    expect(await store.store.listOperationalEvents(10)).toHaveLength(1);
  });

  it('a success always clears a failing period another process started, whatever their clocks say', async () => {
    const created = await store.addEndpoint('http://127.0.0.1:9/hook');
    const disableAfterMs = 60_000;
    const skewMs = 5000;
    // Two workers (processes) on one database; B's clock runs 5 s behind A's.
    const a = new EndpointHealth({ store: store.store, disableAfterMs });
    const b = new EndpointHealth({ store: store.store, disableAfterMs });
    const snapshot = async () => (await store.store.getEndpoint(created.id))!;
    await b.recordFailure(await snapshot(), T0 + 1000 - skewMs, 'boom');
    await a.recordSuccess(await snapshot(), T0 + 2000);
    // B's failure lands after A's success but carries an older time than A's write.
    await b.recordFailure(await snapshot(), T0 + 3000 - skewMs, 'boom');
    // The endpoint alternates: every success at A, every failure at B, for three periods.
    for (let t = 4000; t < 4000 + 3 * disableAfterMs; t += 2000) {
      await a.recordSuccess(await snapshot(), T0 + t);
      expect((await snapshot()).failingSince, `after A's success at +${t} ms`).toBeNull();
      expect(await b.recordFailure(await snapshot(), T0 + t + 1000 - skewMs, 'boom')).toBe(false);
    }
    expect((await snapshot()).enabled).toBe(true);
  });
});
