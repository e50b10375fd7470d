import { isIPv6 } from 'node:net';

/** How an IPv6 address carries an IPv4 address that is what the packet really reaches. */
export type Ipv4Embedding = 'ipv4-mapped' | 'ipv4-translated' | 'nat64' | '6to4' | 'teredo';

export interface EmbeddedIpv4 {
  via: Ipv4Embedding;
  ipv4: string;
}

/**
 * Expands an IPv6 address (`::` compression and a trailing dotted quad allowed, zone id stripped)
 * to its 16 bytes. Written by hand because node:net offers no parser and the embedded IPv4 has to
 * be pulled out of exact bit positions.
 */
export function ipv6ToBytes(address: string): Uint8Array {
  const text = stripZone(address);
  if (!isIPv6(text)) throw new TypeError('not an IPv6 address');
  const groups: number[] = [];
  const [head = '', tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
        out.push((a << 8) | b, (c << 8) | d);
      } else {
        out.push(Number.parseInt(piece, 16));
      }
    }
    return out;
  };
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  groups.push(...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back);
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[i * 2] = group >> 8;
    bytes[i * 2 + 1] = group & 0xff;
  });
  return bytes;
}

export function stripZone(address: string): string {
  const percent = address.indexOf('%');
  return percent === -1 ? address : address.slice(0, percent);
}

/**
 * Finds an IPv4 address hidden in an IPv6 one, so `::ffff:127.0.0.1`, `64:ff9b::a00:1`,
 * `2002:c0a8:101::` or a Teredo address are judged by the IPv4 host they lead to.
 */
export function embeddedIpv4(address: string): EmbeddedIpv4 | null {
  const b = ipv6ToBytes(address);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (at: number, xor = 0) =>
    [0, 1, 2, 3].map((i) => ((b[at + i] ?? 0) ^ xor).toString(10)).join('.');

  // ::ffff:0:0/96 (RFC 4291) — how dual-stack sockets spell IPv4 peers.
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return { via: 'ipv4-mapped', ipv4: v4(12) };
  // ::ffff:0:0:0/96 (RFC 2765 SIIT).
  if (zero(0, 8) && b[8] === 0xff && b[9] === 0xff && zero(10, 12)) {
    return { via: 'ipv4-translated', ipv4: v4(12) };
  }
  // 64:ff9b::/96 well-known NAT64 prefix (RFC 6052): a NAT64 gateway forwards to the IPv4 address.
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) {
    return { via: 'nat64', ipv4: v4(12) };
  }
  // 2002::/16 6to4 (RFC 3056): bits 16–47 are the IPv4 address of the site's relay.
  if (b[0] === 0x20 && b[1] === 0x02) return { via: '6to4', ipv4: v4(2) };
  // 2001::/32 Teredo (RFC 4380): the client's IPv4 address is stored inverted in the last 32 bits.
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) {
    return { via: 'teredo', ipv4: v4(12, 0xff) };
  }
  return null;
}
