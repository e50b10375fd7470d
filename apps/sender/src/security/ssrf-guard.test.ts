import { describe, expect, it } from 'vitest';
import { DESTINATION_BLOCKED_CODE } from '../delivery/classify-error.js';
import { createHttpDispatcher } from '../delivery/http-dispatch.js';
import { DestinationPolicy } from './destination-policy.js';
import { createGuardedConnector, DestinationBlockedError, validateEndpointUrl } from './ssrf-guard.js';
import { neverConnect, scriptedResolver } from './testing/socket-factories.js';

// No test in this file opens a socket: resolvers are scripted and connectors never connect.
const production = new DestinationPolicy({ mode: 'production' });
const development = new DestinationPolicy({ mode: 'development' });
const noDns = scriptedResolver({});

async function blocked(url: string, policy = production, resolve = noDns) {
  const error = await validateEndpointUrl(url, policy, { resolve }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DestinationBlockedError);
  return error as DestinationBlockedError;
}

describe('validateEndpointUrl: URL shape', () => {
  it.each([
    ['not a url', 'invalid_url', /absolute http\(s\) URL/],
    ['ftp://files.example.com/hook', 'scheme', /scheme ftp: is not allowed/],
    ['file:///etc/passwd', 'scheme', /scheme file:/],
    ['https://user:pa55@hooks.example.com/', 'credentials', /must not contain credentials/],
    ['https://hooks.example.com:25/', 'port', /port 25 /],
    ['https://hooks.example.com:0/', 'port', /port 0 /],
    ['http://93.184.216.34/hook', 'scheme', /production mode requires https:/],
  ])('%s → %s', async (url, reason, message) => {
    const error = await blocked(url);
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(error.code).toBe(DESTINATION_BLOCKED_CODE);
  });

  it('never repeats URL credentials in the error', async () => {
    const error = await blocked('https://admin:hunter2@hooks.example.com/');
    expect(error.message).not.toContain('hunter2');
  });

  it('accepts a public https literal without asking DNS', async () => {
    const resolve = scriptedResolver({});
    await expect(
      validateEndpointUrl('https://93.184.216.34:8443/h', production, { resolve }),
    ).resolves.toEqual({
      protocol: 'https:',
      hostname: '93.184.216.34',
      port: 8443,
      addresses: ['93.184.216.34'],
    });
    expect(resolve.calls).toEqual([]);
  });
});

describe('validateEndpointUrl: IP literal classes', () => {
  it.each([
    ['https://127.0.0.1/', 'loopback'],
    ['https://0x7f.1/', 'loopback'],
    ['https://2130706433/', 'loopback'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://10.0.0.1/', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://[fd00::1]/', 'unique-local'],
    ['https://[64:ff9b::a9fe:a9fe]/', 'link-local'],
  ])('production refuses %s (%s)', async (url, cls) => {
    const error = await blocked(url);
    expect(error).toMatchObject({ reason: 'address', addressClass: cls });
    expect(error.message).toMatch(/production mode does not allow/);
  });

  it('development allows loopback and private literals over http, but not metadata', async () => {
    await expect(validateEndpointUrl('http://127.0.0.1:3000/h', development)).resolves.toMatchObject({
      addresses: ['127.0.0.1'],
    });
    await expect(validateEndpointUrl('http://192.168.1.10/h', development)).resolves.toBeTruthy();
    expect((await blocked('http://169.254.169.254/', development)).addressClass).toBe('link-local');
  });
});

describe('validateEndpointUrl: host names', () => {
  const resolve = scriptedResolver({
    'hooks.example.com': [['93.184.216.34', '2606:2800:220:1::1']],
    'internal.example.com': [['10.1.2.3']],
    'mixed.example.com': [['93.184.216.34', '10.0.0.7']],
    'mapped.example.com': [['::ffff:192.168.0.1']],
  });

  it('passes a name whose every address is global', async () => {
    const vetted = await validateEndpointUrl('https://Hooks.Example.com./x', production, { resolve });
    expect(vetted).toMatchObject({
      hostname: 'hooks.example.com',
      addresses: ['93.184.216.34', '2606:2800:220:1::1'],
    });
  });

  it('refuses a name resolving to a private address without revealing the address', async () => {
    const error = await blocked('https://internal.example.com/', production, resolve);
    expect(error).toMatchObject({ reason: 'address', addressClass: 'private' });
    expect(error.message).toContain('host "internal.example.com" resolves to an address that is private');
    expect(error.message).not.toContain('10.1.2.3');
  });

  it('refuses a name when any one of its addresses is non-global', async () => {
    expect((await blocked('https://mixed.example.com/', production, resolve)).addressClass).toBe('private');
    expect((await blocked('https://mapped.example.com/', production, resolve)).addressClass).toBe('private');
  });

  it('treats localhost as loopback without asking DNS', async () => {
    const spy = scriptedResolver({ localhost: [['93.184.216.34']] });
    const error = await blocked('https://localhost:8443/', production, spy);
    expect(error.addressClass).toBe('loopback');
    expect((await blocked('https://app.localhost/', production, spy)).addressClass).toBe('loopback');
    expect(spy.calls).toEqual([]);
    await expect(
      validateEndpointUrl('http://localhost:3000/', development, { resolve: spy }),
    ).resolves.toMatchObject({ addresses: ['127.0.0.1', '::1'] });
  });

  it('reports a name that does not resolve, unless told to accept it', async () => {
    const error = await blocked('https://nowhere.example.com/', production, resolve);
    expect(error).toMatchObject({ reason: 'unresolvable' });
    expect(error.message).toContain('(ENOTFOUND)');
    await expect(
      validateEndpointUrl('https://nowhere.example.com/', production, { resolve, allowUnresolvable: true }),
    ).resolves.toMatchObject({ addresses: [] });
  });

  it('allowlisted names may resolve anywhere and use http in production', async () => {
    const policy = new DestinationPolicy({ mode: 'production', allowHosts: ['internal.example.com'] });
    await expect(
      validateEndpointUrl('http://internal.example.com/', policy, { resolve }),
    ).resolves.toMatchObject({
      addresses: ['10.1.2.3'],
    });
  });
});

describe('createGuardedConnector (no sockets: the factory never connects)', () => {
  const https = (hostname: string) => ({ hostname, host: `${hostname}:443`, protocol: 'https:', port: '' });

  function connect(connector: ReturnType<typeof createGuardedConnector>, options: ReturnType<typeof https>) {
    return new Promise<Error | null>((resolve) => connector(options, (...args) => resolve(args[0])));
  }

  it('production: a name resolving to a private address never reaches the socket factory', async () => {
    const factory = neverConnect();
    const resolve = scriptedResolver({ 'db.example.com': [['10.0.0.5']] });
    const connector = createGuardedConnector({
      policy: production,
      resolve,
      connectSocket: factory.connector,
    });
    const error = await connect(connector, https('db.example.com'));
    expect(error).toMatchObject({ code: DESTINATION_BLOCKED_CODE, addressClass: 'private' });
    expect(factory.calls).toEqual([]);
  });

  it('development: connects to the vetted address, keeping the name for TLS verification', async () => {
    const factory = neverConnect();
    const resolve = scriptedResolver({ 'dev.example.com': [['10.0.0.5']] });
    const connector = createGuardedConnector({
      policy: development,
      resolve,
      connectSocket: factory.connector,
    });
    const error = await connect(connector, https('dev.example.com'));
    expect(error?.message).toMatch(/no socket is ever opened/);
    expect(factory.calls).toEqual([
      expect.objectContaining({ hostname: '10.0.0.5', servername: 'dev.example.com' }),
    ]);
  });

  it('DNS rebinding: public at validation, private at connect → blocked at connect', async () => {
    const factory = neverConnect();
    const resolve = scriptedResolver({ 'rebind.example.com': [['93.184.216.34'], ['169.254.169.254']] });
    await expect(
      validateEndpointUrl('https://rebind.example.com/', production, { resolve }),
    ).resolves.toBeTruthy();
    const connector = createGuardedConnector({
      policy: production,
      resolve,
      connectSocket: factory.connector,
    });
    const error = await connect(connector, https('rebind.example.com'));
    expect(error).toMatchObject({ code: DESTINATION_BLOCKED_CODE, addressClass: 'link-local' });
    expect(resolve.calls).toEqual(['rebind.example.com', 'rebind.example.com']);
    expect(factory.calls).toEqual([]);
  });

  it('passes DNS failures through as ordinary (retryable) errors, not as blocked', async () => {
    const factory = neverConnect();
    const connector = createGuardedConnector({
      policy: production,
      resolve: noDns,
      connectSocket: factory.connector,
    });
    const error = await connect(connector, https('gone.example.com'));
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
    expect(factory.calls).toEqual([]);
  });

  it('a socket factory that throws fails the connection once instead of hanging it', async () => {
    const resolve = scriptedResolver({ 'dev.example.com': [['10.0.0.5']] });
    let calls = 0;
    const connector = createGuardedConnector({
      policy: development,
      resolve,
      connectSocket: () => {
        calls++;
        throw new Error('factory exploded');
      },
    });
    const outcomes: Array<Error | null> = [];
    await new Promise<void>((done) =>
      connector(https('dev.example.com'), (...args) => {
        outcomes.push(args[0]);
        done();
      }),
    );
    expect(calls).toBe(1);
    expect(outcomes.map((e) => e?.message)).toEqual(['factory exploded']);
  });

  it('refuses a DNS time limit a timer cannot hold', () => {
    for (const dnsTimeoutMs of [0, 1.5, Number.POSITIVE_INFINITY, 2 ** 31])
      expect(() => createGuardedConnector({ policy: production, dnsTimeoutMs })).toThrow(/^dnsTimeoutMs: /);
  });

  it('through the dispatcher a blocked destination is recorded as `blocked`', async () => {
    const factory = neverConnect();
    const resolve = scriptedResolver({ 'internal.example.com': [['192.168.0.10']] });
    const dispatcher = createHttpDispatcher({
      connect: createGuardedConnector({ policy: production, resolve, connectSocket: factory.connector }),
    });
    try {
      const result = await dispatcher.dispatch({
        method: 'POST',
        url: 'https://internal.example.com/hook',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(result).toMatchObject({ status: null, errorKind: 'blocked' });
      expect(result.errorMessage).toMatch(/private/);
      expect(factory.calls).toEqual([]);
    } finally {
      await dispatcher.close();
    }
  });
});
