import { BlockList, isIP } from 'node:net';
import { embeddedIpv4, type Ipv4Embedding, stripZone } from './embedded-ipv4.js';

/** Where an IP address leads; only `global` is routable on the public Internet. */
export type AddressClass =
  | 'global'
  | 'loopback'
  | 'unspecified'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmark'
  | 'reserved'
  | 'unique-local'
  | 'site-local'
  /** A cloud provider's host-internal service at a public address (Azure's 168.63.129.16). */
  | 'cloud-internal';

export interface AddressClassification {
  /** The address as classified (zone id removed). */
  address: string;
  family: 4 | 6;
  class: AddressClass;
  /** Which range matched, for error messages (e.g. "10.0.0.0/8 private (RFC 1918)"). */
  range: string;
  /** Set when an IPv6 address was judged by the IPv4 address it embeds. */
  embedded?: { via: Ipv4Embedding; ipv4: string };
}

interface Range {
  class: AddressClass;
  cidr: string;
  label: string;
  list: BlockList;
}

function range(cls: AddressClass, cidr: string, label: string, family: 'ipv4' | 'ipv6'): Range {
  const [network = '', prefix = ''] = cidr.split('/');
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), family);
  return { class: cls, cidr, label, list };
}

// IANA IPv4 special-purpose registry, most specific first (broadcast sits inside 240/4).
const IPV4_RANGES: Range[] = [
  ['unspecified', '0.0.0.0/8', '"this network" (Linux connects 0.0.0.0 to localhost)'],
  ['private', '10.0.0.0/8', 'private (RFC 1918)'],
  // Public space, but every Azure VM reaches its host there (WireServer, DNS, health probes).
  ['cloud-internal', '168.63.129.16/32', 'Azure platform endpoint (WireServer)'],
  ['cgnat', '100.64.0.0/10', 'carrier-grade NAT shared space (RFC 6598)'],
  ['loopback', '127.0.0.0/8', 'loopback'],
  ['link-local', '169.254.0.0/16', 'link-local, incl. cloud metadata 169.254.169.254'],
  ['private', '172.16.0.0/12', 'private (RFC 1918)'],
  ['reserved', '192.0.0.0/24', 'IETF protocol assignments'],
  ['documentation', '192.0.2.0/24', 'documentation TEST-NET-1'],
  ['reserved', '192.88.99.0/24', 'deprecated 6to4 relay anycast'],
  ['private', '192.168.0.0/16', 'private (RFC 1918)'],
  ['benchmark', '198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['documentation', '198.51.100.0/24', 'documentation TEST-NET-2'],
  ['documentation', '203.0.113.0/24', 'documentation TEST-NET-3'],
  ['multicast', '224.0.0.0/4', 'multicast'],
  ['broadcast', '255.255.255.255/32', 'limited broadcast'],
  ['reserved', '240.0.0.0/4', 'reserved for future use'],
].map(([cls, cidr, label]) => range(cls as AddressClass, cidr as string, label as string, 'ipv4'));

// IANA IPv6 special-purpose registry. Embedded-IPv4 prefixes are handled before this table.
const IPV6_RANGES: Range[] = [
  ['unspecified', '::/128', 'unspecified'],
  ['loopback', '::1/128', 'loopback'],
  ['reserved', '::/96', 'deprecated IPv4-compatible'],
  ['reserved', '64:ff9b:1::/48', 'local-use NAT64 (RFC 8215)'],
  ['reserved', '100::/64', 'discard-only (RFC 6666)'],
  ['benchmark', '2001:2::/48', 'benchmarking (RFC 5180)'],
  ['documentation', '2001:db8::/32', 'documentation'],
  ['reserved', '2001::/23', 'IETF protocol assignments'],
  ['documentation', '3fff::/20', 'documentation (RFC 9637)'],
  ['reserved', '5f00::/16', 'SRv6 SIDs (RFC 9602)'],
  ['unique-local', 'fc00::/7', 'unique-local (RFC 4193)'],
  ['link-local', 'fe80::/10', 'link-local'],
  ['site-local', 'fec0::/10', 'deprecated site-local'],
  ['multicast', 'ff00::/8', 'multicast'],
].map(([cls, cidr, label]) => range(cls as AddressClass, cidr as string, label as string, 'ipv6'));

const GLOBAL_UNICAST_V6 = range('global', '2000::/3', 'global unicast', 'ipv6');

/**
 * Classifies an IP address literal. Throws a TypeError for anything that is not one (host names
 * must be resolved first).
 */
export function classifyAddress(input: string): AddressClassification {
  const address = stripZone(input);
  const family = isIP(address);
  if (family === 4) return classifyIpv4(address);
  if (family !== 6) throw new TypeError('expected an IPv4 or IPv6 address literal');

  const embedded = embeddedIpv4(address);
  if (embedded) {
    const inner = classifyIpv4(embedded.ipv4);
    return { address, family: 6, class: inner.class, range: inner.range, embedded };
  }
  const match = IPV6_RANGES.find((r) => r.list.check(address, 'ipv6'));
  if (match) return { address, family: 6, class: match.class, range: `${match.cidr} ${match.label}` };
  if (!GLOBAL_UNICAST_V6.list.check(address, 'ipv6')) {
    return { address, family: 6, class: 'reserved', range: 'outside 2000::/3 global unicast' };
  }
  return { address, family: 6, class: 'global', range: '2000::/3 global unicast' };
}

function classifyIpv4(address: string): AddressClassification {
  const match = IPV4_RANGES.find((r) => r.list.check(address, 'ipv4'));
  if (match) return { address, family: 4, class: match.class, range: `${match.cidr} ${match.label}` };
  return { address, family: 4, class: 'global', range: 'public IPv4' };
}

/** `localhost` and `*.localhost` always mean this machine (RFC 6761), whatever DNS says. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
