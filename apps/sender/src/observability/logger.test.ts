import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env.js';
import { createLogger, resolveLogFormat } from './logger.js';

describe('resolveLogFormat', () => {
  const base = { format: 'auto', mode: 'development', isTTY: true, prettyAvailable: true } as const;

  it('auto is pretty only in development, on a terminal, with pino-pretty installed', () => {
    expect(resolveLogFormat(base)).toBe('pretty');
    expect(resolveLogFormat({ ...base, mode: 'production' })).toBe('json');
    expect(resolveLogFormat({ ...base, isTTY: false })).toBe('json');
    expect(resolveLogFormat({ ...base, prettyAvailable: false })).toBe('json');
  });

  it('json is always json; pretty without pino-pretty is a config error naming the variable', () => {
    expect(resolveLogFormat({ ...base, format: 'json' })).toBe('json');
    expect(() => resolveLogFormat({ ...base, format: 'pretty', prettyAvailable: false })).toThrow(
      ConfigError,
    );
    expect(() => resolveLogFormat({ ...base, format: 'pretty', prettyAvailable: false })).toThrow(
      /TASKHOOKS_LOG_FORMAT/,
    );
  });
});

describe('createLogger', () => {
  it('writes JSON lines and replaces secret-bearing fields, however deep they were passed', () => {
    const lines: string[] = [];
    const logger = createLogger(
      { TASKHOOKS_LOG_LEVEL: 'info', TASKHOOKS_LOG_FORMAT: 'json', TASKHOOKS_MODE: 'development' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    logger.info(
      {
        endpointId: 'ep-1',
        secret: 'whsec_top_secret_value',
        endpoint: { headers: { Authorization: 'Bearer hdr-token' }, secret: 'nested-secret' },
        apiKey: 'th_live_key',
      },
      'endpoint changed',
    );
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({
      service: 'taskhooks',
      msg: 'endpoint changed',
      endpointId: 'ep-1',
      secret: '[redacted]',
      apiKey: '[redacted]',
      endpoint: { headers: '[redacted]', secret: '[redacted]' },
    });
    for (const value of ['whsec_top_secret_value', 'hdr-token', 'nested-secret', 'th_live_key']) {
      expect(lines[0]).not.toContain(value);
    }
  });
});
