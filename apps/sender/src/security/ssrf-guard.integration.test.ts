import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpDispatcher, type HttpDispatcher } from '../delivery/http-dispatch.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { DestinationPolicy, type DestinationPolicyInput } from './destination-policy.js';
import { createGuardedConnector, type ResolveHost, validateEndpointUrl } from './ssrf-guard.js';
import { loopbackOnlyConnector, scriptedResolver } from './testing/socket-factories.js';

// A real receiver on 127.0.0.1 and undici's real connector, wrapped so that no socket can go to
// anything but loopback even if the guard were broken.
let receiver: TestReceiver;
let dispatchers: HttpDispatcher[] = [];

beforeAll(async () => {
  receiver = await startTestReceiver((_req, res) => res.writeHead(204).end());
});
afterAll(() => receiver.close());
afterEach(async () => {
  await Promise.all(dispatchers.map((d) => d.close()));
  dispatchers = [];
  receiver.requests.length = 0;
  receiver.connections = 0;
});

function guardedDispatcher(policy: DestinationPolicyInput, resolve: ResolveHost = scriptedResolver({})) {
  const sockets = loopbackOnlyConnector();
  const dispatcher = createHttpDispatcher({
    connect: createGuardedConnector({
      policy: new DestinationPolicy(policy),
      resolve,
      connectSocket: sockets.connector,
    }),
  });
  dispatchers.push(dispatcher);
  return { dispatcher, sockets };
}

const post = (url: string) => ({
  method: 'POST' as const,
  url,
  headers: { 'content-type': 'application/json' },
  body: '{}',
});

describe('SSRF guard at connect time against a real 127.0.0.1 receiver', () => {
  it('production blocks loopback before connecting: the server sees nothing', async () => {
    const { dispatcher, sockets } = guardedDispatcher({ mode: 'production' });
    const result = await dispatcher.dispatch(post(receiver.url()));
    expect(result).toMatchObject({ status: null, errorKind: 'blocked' });
    expect(sockets.calls).toHaveLength(0);
    expect(receiver.requests).toHaveLength(0);
    expect(receiver.connections).toBe(0);
  });

  it('production with http allowed still blocks loopback by address class', async () => {
    const { dispatcher } = guardedDispatcher({ mode: 'production', requireHttps: false });
    const result = await dispatcher.dispatch(post(receiver.url()));
    expect(result.errorKind).toBe('blocked');
    expect(result.errorMessage).toContain('address 127.0.0.1 is loopback');
    expect(receiver.requests).toHaveLength(0);
  });

  it('development delivers to the local receiver', async () => {
    const { dispatcher } = guardedDispatcher({ mode: 'development' });
    const result = await dispatcher.dispatch(post(receiver.url('/dev')));
    expect(result).toMatchObject({ status: 204, errorKind: null });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/dev']);
  });

  it('production with 127.0.0.1/32 allowlisted delivers (http allowed for allowlisted addresses)', async () => {
    const { dispatcher } = guardedDispatcher({ mode: 'production', allowCidrs: ['127.0.0.1/32'] });
    const result = await dispatcher.dispatch(post(receiver.url('/allowed')));
    expect(result).toMatchObject({ status: 204, errorKind: null });
    expect(receiver.requests).toHaveLength(1);
  });

  it('connects to the resolved address while the Host header keeps the name', async () => {
    const resolve = scriptedResolver({ 'receiver.test': [['127.0.0.1']] });
    const { dispatcher, sockets } = guardedDispatcher({ mode: 'development' }, resolve);
    const url = receiver.url('/named').replace('127.0.0.1', 'receiver.test');
    const result = await dispatcher.dispatch(post(url));
    expect(result.status).toBe(204);
    expect(sockets.calls.map((c) => c.hostname)).toEqual(['127.0.0.1']);
    expect(receiver.requests[0]?.headers.host).toBe(new URL(url).host);
  });

  it('DNS rebinding: validated as public, resolves to loopback at connect → blocked, nothing sent', async () => {
    const resolve = scriptedResolver({ 'rebind.test': [['93.184.216.34'], ['127.0.0.1']] });
    const policy = { mode: 'production', requireHttps: false } as const;
    const url = receiver.url('/rebind').replace('127.0.0.1', 'rebind.test');
    await expect(validateEndpointUrl(url, new DestinationPolicy(policy), { resolve })).resolves.toMatchObject(
      {
        addresses: ['93.184.216.34'],
      },
    );
    const { dispatcher, sockets } = guardedDispatcher(policy, resolve);
    const result = await dispatcher.dispatch(post(url));
    expect(result.errorKind).toBe('blocked');
    expect(result.errorMessage).toContain('host "rebind.test" resolves to an address that is loopback');
    expect(sockets.calls).toHaveLength(0);
    expect(receiver.requests).toHaveLength(0);
    expect(receiver.connections).toBe(0);
  });
});

describe('the guarded connector when DNS or an address fails', () => {
  const post = (url: string) => ({
    method: 'POST' as const,
    url,
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });

  it('gives up on DNS that does not answer, and the origin recovers once DNS does', async () => {
    let hang = true;
    let lookups = 0;
    const resolve: ResolveHost = async () => {
      lookups++;
      if (hang) await new Promise(() => {}); // never settles
      return ['127.0.0.1'];
    };
    const dispatcher = createHttpDispatcher({
      connectionsPerOrigin: 2,
      connect: createGuardedConnector({
        policy: new DestinationPolicy({ mode: 'development' }),
        resolve,
        dnsTimeoutMs: 200,
        connectSocket: loopbackOnlyConnector().connector,
      }),
    });
    dispatchers.push(dispatcher);
    const url = `http://hooks.test:${new URL(receiver.origin).port}/h`;
    // More attempts than the origin has connections: each used to keep one stuck for good.
    for (let i = 0; i < 3; i++) {
      const stuck = await dispatcher.dispatch(post(url), { timeoutMs: 1000 });
      expect(stuck).toMatchObject({ status: null, errorKind: 'timeout' });
      expect(stuck.errorMessage).toMatch(/DNS lookup of "hooks.test" took longer than 200 ms/);
    }
    hang = false;
    const recovered = await dispatcher.dispatch(post(url), { timeoutMs: 2000 });
    expect(recovered).toMatchObject({ status: 204, errorKind: null });
    expect(receiver.requests).toHaveLength(1);
    expect(lookups).toBe(4);
  });

  it('tries the next vetted address when one refuses the connection', async () => {
    const sockets = loopbackOnlyConnector();
    const dispatcher = createHttpDispatcher({
      connect: createGuardedConnector({
        policy: new DestinationPolicy({ mode: 'development' }),
        // ::1 first: nothing listens there on this port (or the host has no IPv6).
        resolve: async () => ['::1', '127.0.0.1'],
        connectSocket: sockets.connector,
      }),
    });
    dispatchers.push(dispatcher);
    const url = `http://dual.test:${new URL(receiver.origin).port}/h`;
    const result = await dispatcher.dispatch(post(url), { timeoutMs: 2000 });
    expect(result).toMatchObject({ status: 204, errorKind: null });
    expect(sockets.calls.map((call) => call.hostname)).toEqual(['::1', '127.0.0.1']);
  });
});
