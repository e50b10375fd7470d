import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import type { ResolveHost } from '../ssrf-guard.js';

/**
 * Socket factories for SSRF tests. Nothing here ever opens a socket to a non-loopback address:
 * traffic to private ranges from this machine is itself an incident, so a guard bug must fail the
 * test, not send a packet.
 */

export interface RecordingFactory {
  connector: buildConnector.connector;
  calls: buildConnector.Options[];
}

/** Records what the guard asked for and fails the connection without touching the network. */
export function neverConnect(): RecordingFactory {
  const calls: buildConnector.Options[] = [];
  const connector: buildConnector.connector = (options, callback) => {
    calls.push(options);
    callback(new Error('test socket factory: no socket is ever opened here'), null);
  };
  return { connector, calls };
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** undici's real connector, refusing (before any syscall) every address but 127.0.0.1 and ::1. */
export function loopbackOnlyConnector(): RecordingFactory {
  const real = buildConnector({ timeout: 5_000 });
  const calls: buildConnector.Options[] = [];
  const connector: buildConnector.connector = (options, callback) => {
    calls.push(options);
    if (isIP(options.hostname) === 0 || !LOOPBACK.has(options.hostname)) {
      callback(new Error(`test refused to open a socket to ${options.hostname}`), null);
      return;
    }
    real(options, callback);
  };
  return { connector, calls };
}

/**
 * A resolver answering from a script: each name maps to a list of answers, one per call (the
 * last repeats), so a test can change the answer between validation and connect time.
 */
export function scriptedResolver(script: Record<string, string[][]>): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const used = new Map<string, number>();
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const answers = script[hostname];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const n = used.get(hostname) ?? 0;
    used.set(hostname, n + 1);
    return answers[Math.min(n, answers.length - 1)] ?? [];
  };
  return Object.assign(resolve, { calls });
}
