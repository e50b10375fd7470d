import { describe, expect, it } from 'vitest';
import { apiSettingsOf, loadApiSettings } from '../api/api-settings.js';
import { ConfigError, loadConfig } from './env.js';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('validates the management and REST settings at start-up, naming each bad variable', () => {
    const message = configError({
      TASKHOOKS_RATE_LIMIT_PUBLISH_BURST: 'lots',
      TASKHOOKS_SECRET_OVERLAP_HOURS: '9999',
      TASKHOOKS_WEBHOOKS_MODEL: 'task_events_v9',
      TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER: 'X Bad Header',
      TASKHOOKS_LOG_FORMAT: 'xml',
      PORT: '70000',
    });
    expect(message).toContain('PORT: expected a port number from 0 (any free port) to 65535');
    expect(message).toContain('TASKHOOKS_RATE_LIMIT_PUBLISH_BURST: expected a number');
    expect(message).toContain('TASKHOOKS_SECRET_OVERLAP_HOURS');
    expect(message).toMatch(/TASKHOOKS_WEBHOOKS_MODEL: expected a model id: .*task_events_v1/);
    expect(message).toContain('TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER: expected an HTTP header name');
    expect(message).toContain('TASKHOOKS_LOG_FORMAT');
  });

  it('names DATABASE_URL when it is not a URL, without echoing it (it may hold a password)', () => {
    const message = configError({ DATABASE_URL: 'postgres://bob:s3cret@[bad/test' });
    expect(message).toContain(
      'DATABASE_URL: not a valid URL, e.g. postgres://user:password@host:5432/database',
    );
    expect(message).not.toContain('s3cret');
    // A unix socket with a user name, as node-postgres reads it.
    for (const socket of ['postgres://bob@/test?host=/var/run/postgresql', 'postgres:///test?host=/tmp']) {
      expect(loadConfig({ DATABASE_URL: socket }).DATABASE_URL).toBe(socket);
    }
    expect(loadConfig({ DATABASE_URL: 'postgres://bob:s3cret@db.internal:5432/test' }).DATABASE_URL).toBe(
      'postgres://bob:s3cret@db.internal:5432/test',
    );
  });

  it("checks the env-only endpoint's credentials at start-up, as endpoints.create does (seed 001)", () => {
    const enabled = { WEBHOOK_ENABLED: 'true', WEBHOOK_URL: 'https://hooks.example.com/family' };
    expect(configError(enabled)).toMatch(
      /WEBHOOK_SECRET: required with WEBHOOK_URL unless WEBHOOK_ENABLED=false/,
    );
    expect(configError({ WEBHOOK_URL: enabled.WEBHOOK_URL })).toMatch(/WEBHOOK_SECRET: required/);
    const plain = configError({ ...enabled, WEBHOOK_SECRET: 'my.chore.secret!' });
    expect(plain).toMatch(
      /WEBHOOK_SECRET: a standard-webhooks secret starts with "whsec_".*WEBHOOK_SCHEME=hmac-sha256-hex/,
    );
    expect(plain).not.toContain('my.chore.secret!');
    // Valid base64 without the prefix would have been signed with its decoded bytes: refused too.
    expect(configError({ ...enabled, WEBHOOK_SECRET: 'choreblimey-dev-secret-2024' })).toMatch(
      /starts with "whsec_"/,
    );
    expect(configError({ ...enabled, WEBHOOK_SECRET: 'whsec_c2hvcnQ=' })).toMatch(/24–64 bytes, got 5/);
    // The same plain secret is what hmac-sha256-hex signs with.
    expect(
      loadConfig({ ...enabled, WEBHOOK_SECRET: 'my.chore.secret!', WEBHOOK_SCHEME: 'hmac-sha256-hex' })
        .WEBHOOK_SECRET,
    ).toBe('my.chore.secret!');
    expect(
      loadConfig({ ...enabled, WEBHOOK_SECRET: 'whsec_ZW52LW9ubHktbW9kZS1zZWNyZXQtdmFsdWU=' }).WEBHOOK_URL,
    ).toBe(enabled.WEBHOOK_URL);
    const headerAuth = { ...enabled, WEBHOOK_SCHEME: 'header-auth' };
    expect(configError(headerAuth)).toMatch(
      /WEBHOOK_HEADERS: WEBHOOK_SCHEME=header-auth needs at least one header/,
    );
    expect(
      configError({ ...headerAuth, WEBHOOK_HEADERS: '{"Authorization":"Bearer t"}', WEBHOOK_SECRET: 's' }),
    ).toMatch(/WEBHOOK_SECRET: WEBHOOK_SCHEME=header-auth signs nothing/);
    expect(
      loadConfig({ ...headerAuth, WEBHOOK_HEADERS: '{"Authorization":"Bearer t"}' }).WEBHOOK_SCHEME,
    ).toBe('header-auth');
    // Header names are checked as endpoints.create checks them, naming the variable.
    const hmac = { ...enabled, WEBHOOK_SECRET: 'my.chore.secret!', WEBHOOK_SCHEME: 'hmac-sha256-hex' };
    expect(configError({ ...hmac, WEBHOOK_SIGNATURE_HEADER: 'Content-Length' })).toMatch(
      /WEBHOOK_SIGNATURE_HEADER: content-length cannot be set/,
    );
    expect(
      configError({ ...hmac, WEBHOOK_SIGNATURE_HEADER: 'X-Sig', WEBHOOK_EVENT_HEADER: 'X-SIG' }),
    ).toMatch(/WEBHOOK_EVENT_HEADER: is the same header as the signature header \(X-Sig\)/);
    expect(configError({ ...hmac, WEBHOOK_SIGNATURE_HEADER: 'X-Taskhooks-Event' })).toMatch(
      /WEBHOOK_SIGNATURE_HEADER: is the same header as the event header \(.+, the default\)/i,
    );
    const hostHeader = configError({ ...hmac, WEBHOOK_HEADERS: '{"Host":"evil.example","X-Ok":"1"}' });
    expect(hostHeader).toMatch(/WEBHOOK_HEADERS: Host: host cannot be set/);
    expect(hostHeader).not.toContain('evil.example');
    expect(
      configError({ ...hmac, WEBHOOK_SIGNATURE_HEADER: 'X-Sig', WEBHOOK_HEADERS: '{"x-sig":"forged"}' }),
    ).toMatch(/WEBHOOK_HEADERS: x-sig: set by the endpoint signature scheme/);
    expect(
      configError({
        ...enabled,
        WEBHOOK_SECRET: 'whsec_ZW52LW9ubHktbW9kZS1zZWNyZXQtdmFsdWU=',
        WEBHOOK_SIGNATURE_HEADER: 'X-Sig',
      }),
    ).toMatch(
      /WEBHOOK_SIGNATURE_HEADER: only WEBHOOK_SCHEME=hmac-sha256-hex uses it \(WEBHOOK_SCHEME is standard-webhooks\)/,
    );
    expect(configError({ TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER: 'Transfer-Encoding' })).toMatch(
      /TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER: transfer-encoding cannot be set/,
    );
    expect(configError({ TASKHOOKS_WEBHOOKS_EVENT_HEADER: 'x-taskhooks-signature' })).toMatch(
      /TASKHOOKS_WEBHOOKS_EVENT_HEADER: is the same header as the signature header \(X-Taskhooks-Signature\)/,
    );
    // WEBHOOK_URL follows the endpoint API's URL rules.
    expect(configError({ ...enabled, WEBHOOK_URL: 'https://hooks.example.com/family ' })).toMatch(
      /WEBHOOK_URL: has a leading or trailing space/,
    );
    expect(configError({ ...enabled, WEBHOOK_URL: 'https://hooks.example.com/fa\tmily' })).toMatch(
      /WEBHOOK_URL: contains a control character/,
    );
    // Sending off: nothing is signed, so nothing is required.
    expect(loadConfig({ WEBHOOK_ENABLED: 'false', WEBHOOK_URL: enabled.WEBHOOK_URL }).WEBHOOK_ENABLED).toBe(
      false,
    );
  });

  it('reads the endpoint health settings, naming a bad one', () => {
    expect(loadConfig({})).toMatchObject({
      TASKHOOKS_DISABLE_FAILING_AFTER_HOURS: 120,
      TASKHOOKS_CIRCUIT_FAILURES: 5,
      TASKHOOKS_CIRCUIT_COOLDOWN_MS: 30_000,
    });
    expect(
      loadConfig({ TASKHOOKS_DISABLE_FAILING_AFTER_HOURS: '0.5' }).TASKHOOKS_DISABLE_FAILING_AFTER_HOURS,
    ).toBe(0.5);
    expect(configError({ TASKHOOKS_DISABLE_FAILING_AFTER_HOURS: '0' })).toContain(
      'TASKHOOKS_DISABLE_FAILING_AFTER_HOURS',
    );
    expect(configError({ TASKHOOKS_CIRCUIT_FAILURES: 'many' })).toContain('TASKHOOKS_CIRCUIT_FAILURES');
  });

  it('takes only an http(s) TASKHOOKS_PUBLIC_URL (portal links are built on it)', () => {
    expect(loadConfig({ TASKHOOKS_PUBLIC_URL: 'https://hooks.example.com' }).TASKHOOKS_PUBLIC_URL).toBe(
      'https://hooks.example.com',
    );
    for (const url of ['ftp://x/y', 'javascript:alert(1)'])
      expect(configError({ TASKHOOKS_PUBLIC_URL: url })).toContain(
        'TASKHOOKS_PUBLIC_URL: expected an absolute http(s) URL',
      );
  });

  it('refuses a record retention shorter than the attempt retention, naming both', () => {
    expect(configError({ TASKHOOKS_RETENTION_DAYS: '14', TASKHOOKS_RECORD_RETENTION_DAYS: '7' })).toContain(
      'TASKHOOKS_RECORD_RETENTION_DAYS: must be at least TASKHOOKS_RETENTION_DAYS (14)',
    );
    expect(configError({ TASKHOOKS_RECORD_RETENTION_DAYS: 'forever' })).toContain(
      'TASKHOOKS_RECORD_RETENTION_DAYS: expected a number of days',
    );
    expect(loadConfig({ TASKHOOKS_RECORD_RETENTION_DAYS: '7' }).TASKHOOKS_RECORD_RETENTION_DAYS).toBe(7);
  });

  it('refuses a lease without room to record an attempt after its longest timeout, naming both', () => {
    // One millisecond over the timeout used to pass: slow attempts were then sent twice.
    const thin = configError({ TASKHOOKS_MAX_TIMEOUT_MS: '1000', TASKHOOKS_LEASE_MS: '1001' });
    expect(thin).toContain('TASKHOOKS_LEASE_MS: must be at least TASKHOOKS_MAX_TIMEOUT_MS + 2000 (3000)');
    expect(configError({ TASKHOOKS_MAX_TIMEOUT_MS: '1000', TASKHOOKS_LEASE_MS: '2999' })).toContain(
      'TASKHOOKS_LEASE_MS',
    );
    expect(
      loadConfig({ TASKHOOKS_MAX_TIMEOUT_MS: '1000', TASKHOOKS_LEASE_MS: '3000' }).TASKHOOKS_LEASE_MS,
    ).toBe(3000);
  });

  it('defaults: the seed-003 webhooks resource and rate limits on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      TASKHOOKS_WEBHOOKS_MODEL: 'task_events_v1',
      TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER: 'X-Taskhooks-Signature',
      TASKHOOKS_WEBHOOKS_EVENT_HEADER: 'X-Taskhooks-Event',
      TASKHOOKS_WEBHOOKS_RETRY_PRESET: 'seed-003',
      TASKHOOKS_RATE_LIMIT: 'on',
      TASKHOOKS_LOG_FORMAT: 'auto',
    });
  });

  it('the API settings come from the config, or from an explicit env with the same validation', () => {
    const config = loadConfig({ TASKHOOKS_RATE_LIMIT: 'off', TASKHOOKS_SECRET_OVERLAP_HOURS: '2' });
    expect(apiSettingsOf(config)).toMatchObject({
      TASKHOOKS_RATE_LIMIT: 'off',
      TASKHOOKS_SECRET_OVERLAP_HOURS: 2,
    });
    expect(
      loadApiSettings({ TASKHOOKS_RATE_LIMIT_MANAGEMENT_BURST: '7', PORT: 'not-checked-here' }),
    ).toMatchObject({
      TASKHOOKS_RATE_LIMIT_MANAGEMENT_BURST: 7,
      TASKHOOKS_RATE_LIMIT: 'on',
    });
    expect(() => loadApiSettings({ TASKHOOKS_RATE_LIMIT: 'maybe' })).toThrow(/TASKHOOKS_RATE_LIMIT:/);
  });
});
