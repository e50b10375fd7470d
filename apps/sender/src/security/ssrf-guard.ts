import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { DESTINATION_BLOCKED_CODE } from '../delivery/classify-error.js';
import type { ConnectOptionsWithTimeout } from '../delivery/pool-cache.js';
import { type AddressClass, isLocalhostName } from './address-classes.js';
import { type DestinationPolicy, normaliseHostname } from './destination-policy.js';

/** Resolves a host name to every address it has (both families); injectable for tests. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveWithSystemDns: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export type BlockReason = 'invalid_url' | 'scheme' | 'credentials' | 'port' | 'address' | 'unresolvable';

/**
 * A destination the policy refuses. Carries the dispatcher's DESTINATION_BLOCKED_CODE so a
 * connect-time refusal is recorded as `blocked` and never retried.
 */
export class DestinationBlockedError extends Error {
  override readonly name = 'DestinationBlockedError';
  readonly code = DESTINATION_BLOCKED_CODE;
  constructor(
    readonly reason: BlockReason,
    message: string,
    readonly addressClass?: AddressClass,
  ) {
    super(message);
  }
}

export interface Destination {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
}

export interface VettedDestination extends Destination {
  /** Every address the host resolved to, all allowed; connect to one of these and nothing else. */
  addresses: string[];
}

/**
 * Ports browsers refuse (WHATWG Fetch "bad port" list): SMTP, IRC, SSH and friends, where a
 * request body could be replayed as another protocol's commands.
 */
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * Resolves the host and checks every address (a name that resolves to one public and one
 * private address is refused: the OS could pick either). Names `localhost`/`*.localhost` are
 * loopback without asking DNS.
 */
export async function vetDestination(
  destination: Destination,
  policy: DestinationPolicy,
  resolve: ResolveHost = resolveWithSystemDns,
): Promise<VettedDestination> {
  const { protocol, port } = destination;
  const hostname = normaliseHostname(destination.hostname);
  if (BAD_PORTS.has(port)) {
    throw new DestinationBlockedError(
      'port',
      `port ${port} is not allowed for webhooks (reserved for other protocols)`,
    );
  }
  const literal = isIP(hostname) !== 0;
  const addresses = literal
    ? [hostname]
    : isLocalhostName(hostname)
      ? ['127.0.0.1', '::1']
      : await resolve(hostname);
  if (addresses.length === 0) {
    throw Object.assign(new Error(`host "${hostname}" has no addresses`), { code: 'ENOTFOUND' });
  }
  const subject = literal ? `address ${hostname}` : `host "${hostname}" resolves to an address that`;
  let allowlisted = true;
  for (const address of addresses) {
    const verdict = policy.judgeAddress(address, literal ? undefined : hostname);
    if (!verdict.allowed) {
      const { class: cls, range } = verdict.classification;
      throw new DestinationBlockedError(
        'address',
        `${subject} is ${cls} (${range}), which ${policy.mode} mode does not allow; allowlist it to permit`,
        cls,
      );
    }
    allowlisted &&= verdict.allowlisted;
  }
  if (protocol === 'http:' && policy.requireHttps && !allowlisted) {
    throw new DestinationBlockedError(
      'scheme',
      `${policy.mode} mode requires https: (http: only for allowlisted hosts)`,
    );
  }
  return { protocol, hostname, port, addresses };
}

export interface ValidateEndpointUrlOptions {
  resolve?: ResolveHost;
  /** Accept a host name that does not resolve yet (the address is checked again at connect time). */
  allowUnresolvable?: boolean;
}

/**
 * Create/update-time check of an endpoint URL with one specific error per problem. Passing it is
 * not enough on its own: DNS can change later, so the connector re-checks at connect time.
 */
export async function validateEndpointUrl(
  url: string,
  policy: DestinationPolicy,
  options: ValidateEndpointUrlOptions = {},
): Promise<VettedDestination> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DestinationBlockedError('invalid_url', 'url must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    const allowed = policy.requireHttps ? 'https:' : 'http: or https:';
    throw new DestinationBlockedError(
      'scheme',
      `url scheme ${parsed.protocol} is not allowed; use ${allowed}`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new DestinationBlockedError(
      'credentials',
      'url must not contain credentials (user:password@); send them in an auth header instead',
    );
  }
  const destination: Destination = {
    protocol: parsed.protocol,
    hostname: parsed.hostname,
    port: parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port),
  };
  try {
    return await vetDestination(destination, policy, options.resolve);
  } catch (error) {
    if (error instanceof DestinationBlockedError) throw error;
    if (options.allowUnresolvable) return { ...destination, addresses: [] };
    const code = (error as { code?: unknown }).code;
    throw new DestinationBlockedError(
      'unresolvable',
      `host "${normaliseHostname(parsed.hostname)}" could not be resolved${typeof code === 'string' ? ` (${code})` : ''}`,
    );
  }
}

export interface GuardedConnectorOptions {
  policy: DestinationPolicy;
  resolve?: ResolveHost;
  /**
   * Longest wait for DNS (default 10 s, never beyond the connect timeout). The system resolver has
   * no deadline of its own: without one, a hung lookup kept the pool's connection "connecting", and
   * once every connection of an origin was stuck, no request to it was sent even after DNS recovered.
   */
  dnsTimeoutMs?: number;
  /**
   * Opens the socket to the vetted address (default: undici's connector built from
   * `connectOptions`, with the `timeout` the dispatcher passes per call). Tests inject one that
   * never connects.
   */
  connectSocket?: buildConnector.connector;
  connectOptions?: buildConnector.BuildOptions;
}

/**
 * undici `connect` option that resolves the host itself, checks every address and connects to a
 * checked address only, so DNS rebinding between validation and delivery changes nothing. The
 * original host name stays the TLS server name, so certificates are still verified against it.
 */
export function createGuardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  // undici fixes a connector's connect timeout when building it, so build one per timeout the
  // dispatcher asks for (in practice one): otherwise its 10 s default would cut a longer attempt.
  const connectors = new Map<number | undefined, buildConnector.connector>();
  const connectorFor = (timeout: number | undefined) => {
    if (options.connectSocket) return options.connectSocket;
    let connector = connectors.get(timeout);
    if (!connector) {
      connector = buildConnector({
        ...options.connectOptions,
        ...(timeout === undefined ? {} : { timeout }),
      });
      connectors.set(timeout, connector);
    }
    return connector;
  };
  const dnsLimitMs = options.dnsTimeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
  // setTimeout fires at once for anything it cannot hold (above 2^31 - 1 ms, Infinity, NaN).
  if (!Number.isInteger(dnsLimitMs) || dnsLimitMs < 1 || dnsLimitMs > 2 ** 31 - 1) {
    throw new RangeError(
      `dnsTimeoutMs: expected a whole number of ms from 1 to 2147483647, got ${dnsLimitMs}`,
    );
  }
  return (connectOptions: ConnectOptionsWithTimeout, callback) => {
    let settled = false;
    let dnsDeadline: NodeJS.Timeout | undefined;
    const once: buildConnector.Callback = (...args) => {
      if (settled) return;
      settled = true;
      clearTimeout(dnsDeadline);
      callback(...args);
    };
    const protocol = connectOptions.protocol === 'https:' ? 'https:' : 'http:';
    const port = connectOptions.port ? Number(connectOptions.port) : protocol === 'https:' ? 443 : 80;
    const dnsTimeoutMs = Math.min(dnsLimitMs, connectOptions.timeout ?? dnsLimitMs);
    dnsDeadline = setTimeout(() => {
      const error = new Error(
        `DNS lookup of "${connectOptions.hostname}" took longer than ${dnsTimeoutMs} ms`,
      );
      once(Object.assign(error, { code: 'UND_ERR_CONNECT_TIMEOUT' }), null);
    }, dnsTimeoutMs);
    vetDestination({ protocol, hostname: connectOptions.hostname, port }, options.policy, options.resolve)
      .then((vetted) => {
        clearTimeout(dnsDeadline);
        if (settled) return;
        const servername = connectOptions.servername ?? (isIP(vetted.hostname) ? undefined : vetted.hostname);
        const candidates = vetted.addresses.slice(0, MAX_ADDRESSES_TRIED);
        // Vetted addresses in DNS order, the next one only when this one is refused or unreachable
        // at once (a host with AAAA and A records on a network without IPv6, a round-robin member
        // whose port is closed); an address that stays silent uses up the attempt's timeout.
        const tryAddress = (index: number) => {
          const target = { ...connectOptions, hostname: candidates[index] as string };
          try {
            connectorFor(connectOptions.timeout)(
              servername ? { ...target, servername } : target,
              (...result) => {
                const [error] = result;
                if (error && index + 1 < candidates.length && FALLBACK_CODES.has(codeOf(error))) {
                  tryAddress(index + 1);
                } else once(...result);
              },
            );
          } catch (error) {
            // A socket factory that throws synchronously fails the request instead of hanging it.
            once(error as Error, null);
          }
        };
        tryAddress(0);
      })
      .catch((error: Error) => once(error, null));
  };
}

const DEFAULT_DNS_TIMEOUT_MS = 10_000;
const MAX_ADDRESSES_TRIED = 4;
/**
 * Connect errors that say nothing about the host, only about this one address, and come at once.
 * A connect timeout is not one of them: trying the next address would give it a whole timeout
 * more, and the attempt's own timer has ended the attempt by then anyway.
 */
const FALLBACK_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}
