import { describe, expect, it } from 'vitest';
import { classifyAddress, isLocalhostName } from './address-classes.js';
import { DestinationPolicy } from './destination-policy.js';
import { embeddedIpv4, ipv6ToBytes } from './embedded-ipv4.js';
import { SSRF_MATRIX } from './testing/ssrf-matrix.js';

const production = new DestinationPolicy({ mode: 'production' });
const development = new DestinationPolicy({ mode: 'development' });

describe('SSRF matrix: class and verdict per mode', () => {
  it.each(SSRF_MATRIX)(
    '$label $address → $class (production $production, development $development)',
    (row) => {
      expect(classifyAddress(row.address).class).toBe(row.class);
      expect(production.judgeAddress(row.address).allowed).toBe(row.production);
      expect(development.judgeAddress(row.address).allowed).toBe(row.development);
    },
  );

  it('covers every address class in both families where the class exists', () => {
    const v4 = new Set(SSRF_MATRIX.filter((r) => !r.address.includes(':')).map((r) => r.class));
    const v6 = new Set(SSRF_MATRIX.filter((r) => r.address.includes(':')).map((r) => r.class));
    expect([...v4].sort()).toEqual(
      [
        'benchmark',
        'broadcast',
        'cgnat',
        'cloud-internal',
        'documentation',
        'global',
        'link-local',
        'loopback',
        'multicast',
        'private',
        'reserved',
        'unspecified',
      ].sort(),
    );
    for (const cls of ['global', 'loopback', 'unspecified', 'unique-local', 'link-local', 'site-local']) {
      expect(v6.has(cls as never)).toBe(true);
    }
  });
});

describe('classifyAddress details', () => {
  it('names the range and the embedding it judged by', () => {
    expect(classifyAddress('::ffff:169.254.169.254')).toMatchObject({
      family: 6,
      class: 'link-local',
      embedded: { via: 'ipv4-mapped', ipv4: '169.254.169.254' },
    });
    expect(classifyAddress('2001:0:4136:e378:8000:63bf:f5ff:fffe').embedded).toEqual({
      via: 'teredo',
      ipv4: '10.0.0.1',
    });
    expect(classifyAddress('10.1.2.3').range).toContain('RFC 1918');
  });

  it('rejects host names and garbage instead of guessing', () => {
    expect(() => classifyAddress('example.com')).toThrow(/address literal/);
    expect(() => classifyAddress('999.1.1.1')).toThrow(/address literal/);
  });

  it('expands IPv6 text to bytes, including :: and a dotted tail', () => {
    expect([...ipv6ToBytes('::ffff:1.2.3.4')].slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect([...ipv6ToBytes('2001:db8::8:800:200c:417a')]).toEqual([
      0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0x08, 0x08, 0, 0x20, 0x0c, 0x41, 0x7a,
    ]);
    expect(embeddedIpv4('2606:4700::1')).toBeNull();
  });

  it('treats localhost names as loopback whatever DNS says', () => {
    expect(isLocalhostName('LOCALHOST.')).toBe(true);
    expect(isLocalhostName('api.localhost')).toBe(true);
    expect(isLocalhostName('localhost.example.com')).toBe(false);
  });
});
