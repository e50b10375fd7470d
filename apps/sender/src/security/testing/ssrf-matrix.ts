import type { AddressClass } from '../address-classes.js';

/**
 * One sample per address class and embedding, with the expected class and whether each mode lets
 * the sender connect to it. Shared by the table test and the printed matrix in the report.
 */
export interface MatrixRow {
  label: string;
  address: string;
  class: AddressClass;
  production: boolean;
  development: boolean;
}

const row = (
  label: string,
  address: string,
  cls: AddressClass,
  production: boolean,
  development: boolean,
) => ({
  label,
  address,
  class: cls,
  production,
  development,
});

export const SSRF_MATRIX: MatrixRow[] = [
  row('v4 public', '93.184.216.34', 'global', true, true),
  row('v4 public (next to 172.16/12)', '172.32.0.1', 'global', true, true),
  row('v4 public (next to CGNAT)', '100.128.0.1', 'global', true, true),
  row('v4 loopback', '127.0.0.1', 'loopback', false, true),
  row('v4 loopback (end of /8)', '127.255.255.254', 'loopback', false, true),
  row('v4 unspecified', '0.0.0.0', 'unspecified', false, false),
  row('v4 "this network"', '0.1.2.3', 'unspecified', false, false),
  row('v4 RFC 1918 10/8', '10.0.0.1', 'private', false, true),
  row('v4 RFC 1918 172.16/12', '172.31.255.255', 'private', false, true),
  row('v4 RFC 1918 192.168/16', '192.168.1.1', 'private', false, true),
  row('v4 CGNAT 100.64/10', '100.64.0.1', 'cgnat', false, true),
  row('v4 link-local', '169.254.0.1', 'link-local', false, false),
  row('v4 cloud metadata', '169.254.169.254', 'link-local', false, false),
  row('v4 Azure platform endpoint', '168.63.129.16', 'cloud-internal', false, false),
  row('v4 public (next to the Azure platform endpoint)', '168.63.129.17', 'global', true, true),
  row('v4 multicast', '224.0.0.1', 'multicast', false, false),
  row('v4 multicast SSDP', '239.255.255.250', 'multicast', false, false),
  row('v4 broadcast', '255.255.255.255', 'broadcast', false, false),
  row('v4 reserved 240/4', '240.0.0.1', 'reserved', false, false),
  row('v4 IETF protocol 192.0.0/24', '192.0.0.8', 'reserved', false, false),
  row('v4 6to4 relay anycast', '192.88.99.1', 'reserved', false, false),
  row('v4 TEST-NET-1', '192.0.2.1', 'documentation', false, false),
  row('v4 TEST-NET-2', '198.51.100.7', 'documentation', false, false),
  row('v4 TEST-NET-3', '203.0.113.9', 'documentation', false, false),
  row('v4 benchmark 198.18/15', '198.19.255.255', 'benchmark', false, false),
  row('v6 public', '2606:4700:4700::1111', 'global', true, true),
  row('v6 loopback', '::1', 'loopback', false, true),
  row('v6 unspecified', '::', 'unspecified', false, false),
  row('v6 IPv4-mapped loopback', '::ffff:127.0.0.1', 'loopback', false, true),
  row('v6 IPv4-mapped loopback (hex)', '::ffff:7f00:1', 'loopback', false, true),
  row('v6 IPv4-mapped private', '::ffff:10.0.0.1', 'private', false, true),
  row('v6 IPv4-mapped metadata', '::ffff:169.254.169.254', 'link-local', false, false),
  row('v6 IPv4-mapped public', '::ffff:8.8.8.8', 'global', true, true),
  row('v6 IPv4-translated private', '::ffff:0:a00:1', 'private', false, true),
  row('v6 NAT64 loopback', '64:ff9b::7f00:1', 'loopback', false, true),
  row('v6 NAT64 private', '64:ff9b::10.1.2.3', 'private', false, true),
  row('v6 NAT64 public', '64:ff9b::8.8.8.8', 'global', true, true),
  row('v6 local-use NAT64', '64:ff9b:1::1', 'reserved', false, false),
  row('v6 IPv4-compatible (deprecated)', '::127.0.0.1', 'reserved', false, false),
  row('v6 discard-only', '100::1', 'reserved', false, false),
  row('v6 unique-local', 'fd12:3456::1', 'unique-local', false, true),
  row('v6 unique-local (AWS metadata)', 'fd00:ec2::254', 'unique-local', false, true),
  row('v6 unique-local fc00::/8', 'fc00::1', 'unique-local', false, true),
  row('v6 link-local', 'fe80::1', 'link-local', false, false),
  row('v6 link-local with zone', 'fe80::1%eth0', 'link-local', false, false),
  row('v6 site-local', 'fec0::1', 'site-local', false, false),
  row('v6 multicast', 'ff02::1', 'multicast', false, false),
  row('v6 documentation 2001:db8::/32', '2001:db8::1', 'documentation', false, false),
  row('v6 documentation 3fff::/20', '3fff::1', 'documentation', false, false),
  row('v6 benchmark', '2001:2::1', 'benchmark', false, false),
  row('v6 ORCHID (IETF 2001::/23)', '2001:10::1', 'reserved', false, false),
  row('v6 SRv6 SID', '5f00::1', 'reserved', false, false),
  row('v6 outside 2000::/3', '4000::1', 'reserved', false, false),
  row('v6 6to4 of 192.168.1.1', '2002:c0a8:101::1', 'private', false, true),
  row('v6 6to4 of 127.0.0.1', '2002:7f00:1::1', 'loopback', false, true),
  row('v6 6to4 of public 8.8.8.8', '2002:808:808::1', 'global', true, true),
  row('v6 Teredo client 10.0.0.1', '2001:0:4136:e378:8000:63bf:f5ff:fffe', 'private', false, true),
  row('v6 Teredo client 169.254.169.254', '2001:0:4136:e378:8000:63bf:5601:5601', 'link-local', false, false),
  row('v6 Teredo client public 8.8.8.8', '2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'global', true, true),
];
