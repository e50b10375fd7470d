import { describe, expect, it } from 'vitest';
import { DestinationPolicy, parseDestinationAllowlist } from './destination-policy.js';

describe('DestinationPolicy allowlists', () => {
  const policy = new DestinationPolicy({
    mode: 'production',
    allowCidrs: ['10.20.0.0/16', '127.0.0.1', 'fd00:1234::/32'],
    allowHosts: ['hooks.internal', '*.corp.example'],
  });

  it('lets allowlisted CIDRs through whatever their class, and nothing next to them', () => {
    expect(policy.judgeAddress('10.20.3.4')).toMatchObject({ allowed: true, allowlisted: true });
    expect(policy.judgeAddress('10.21.0.1').allowed).toBe(false);
    expect(policy.judgeAddress('127.0.0.1').allowed).toBe(true);
    expect(policy.judgeAddress('127.0.0.2').allowed).toBe(false);
    expect(policy.judgeAddress('fd00:1234::9').allowed).toBe(true);
    expect(policy.judgeAddress('fd00:1235::9').allowed).toBe(false);
  });

  it('trusts allowlisted host names (exact and *.suffix) whatever they resolve to', () => {
    expect(policy.judgeAddress('192.168.1.5', 'Hooks.Internal.').allowed).toBe(true);
    expect(policy.judgeAddress('192.168.1.5', 'a.b.corp.example').allowed).toBe(true);
    expect(policy.judgeAddress('192.168.1.5', 'corp.example').allowed).toBe(false);
    expect(policy.judgeAddress('192.168.1.5', 'evilcorp.example').allowed).toBe(false);
  });

  it('requires https by default in production only', () => {
    expect(policy.requireHttps).toBe(true);
    expect(new DestinationPolicy({ mode: 'development' }).requireHttps).toBe(false);
    expect(new DestinationPolicy({ mode: 'production', requireHttps: false }).requireHttps).toBe(false);
  });

  it('names the bad entry', () => {
    expect(() => new DestinationPolicy({ mode: 'production', allowCidrs: ['10.0.0.0/33'] })).toThrow(
      /allowCidrs\[0\]/,
    );
    expect(() => new DestinationPolicy({ mode: 'production', allowCidrs: ['ok', '1.2.3.4/8/9'] })).toThrow(
      /allowCidrs\[0\]/,
    );
    expect(() => new DestinationPolicy({ mode: 'production', allowHosts: ['a b'] })).toThrow(
      /allowHosts\[0\]/,
    );
  });
});

describe('parseDestinationAllowlist', () => {
  it('splits addresses, CIDRs and host names', () => {
    expect(parseDestinationAllowlist(' 10.0.0.0/8, ::1 hooks.internal,*.corp.example ,[fd00::1]')).toEqual({
      allowCidrs: ['10.0.0.0/8', '::1', '[fd00::1]'],
      allowHosts: ['hooks.internal', '*.corp.example'],
    });
    expect(parseDestinationAllowlist(undefined)).toEqual({ allowCidrs: [], allowHosts: [] });
  });

  it('names the variable and the entry position', () => {
    expect(() => parseDestinationAllowlist('10.0.0.0/8,300.1.1.1/8')).toThrow(
      /TASKHOOKS_DESTINATION_ALLOWLIST: entry 2 /,
    );
    expect(() => parseDestinationAllowlist('ok.example,bad_host!')).toThrow(/entry 2/);
  });
});
