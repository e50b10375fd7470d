import { createRequire } from 'node:module';
import { type Logger, pino } from 'pino';
import { ConfigError, type SenderConfig } from '../config/env.js';

export type LogFormat = 'json' | 'pretty';

/**
 * Field names that could carry a secret if some future log call passed a whole object: pino
 * replaces them before anything is written. The code logs ids, counts and reasons only; this is
 * the second line of defence.
 */
export const REDACTED_LOG_PATHS = [
  'secret',
  'secrets',
  'key',
  'apiKey',
  'token',
  'password',
  'authorization',
  'headers',
  'payload',
  '*.secret',
  '*.secrets',
  '*.key',
  '*.apiKey',
  '*.token',
  '*.password',
  '*.authorization',
  '*.headers',
  '*.payload',
];

/**
 * `auto` is pretty only for a person watching: development mode, a terminal, and pino-pretty
 * installed (it is optional). Piped output — containers, log shippers, tests — stays JSON lines.
 */
export function resolveLogFormat(options: {
  format: SenderConfig['TASKHOOKS_LOG_FORMAT'];
  mode: SenderConfig['TASKHOOKS_MODE'];
  isTTY: boolean;
  prettyAvailable: boolean;
}): LogFormat {
  if (options.format === 'json') return 'json';
  if (options.format === 'pretty') {
    if (!options.prettyAvailable) {
      throw new ConfigError(
        'Invalid configuration in environment variables:\n  TASKHOOKS_LOG_FORMAT: "pretty" needs the optional pino-pretty package (npm i pino-pretty), or use json/auto',
      );
    }
    return 'pretty';
  }
  return options.mode === 'development' && options.isTTY && options.prettyAvailable ? 'pretty' : 'json';
}

export function isPinoPrettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** The sender's logger: JSON lines (or pino-pretty), base field `service`, secrets redacted. */
export function createLogger(
  config: Pick<SenderConfig, 'TASKHOOKS_LOG_LEVEL' | 'TASKHOOKS_LOG_FORMAT' | 'TASKHOOKS_MODE'>,
  destination?: NodeJS.WritableStream,
): Logger {
  const options = {
    level: config.TASKHOOKS_LOG_LEVEL,
    base: { service: 'taskhooks' },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  const format = resolveLogFormat({
    format: config.TASKHOOKS_LOG_FORMAT,
    mode: config.TASKHOOKS_MODE,
    isTTY: process.stdout.isTTY === true,
    prettyAvailable: isPinoPrettyAvailable(),
  });
  if (format === 'pretty') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(options);
}
