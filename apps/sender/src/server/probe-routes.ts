import http from 'node:http';
import type { Logger } from 'pino';
import { adminKeyAuthenticator } from '../auth/admin-key.js';
import type { ReadinessReport } from '../observability/health.js';
import type { SenderMetrics } from '../observability/metrics.js';
import { restError } from '../rest/index.js';
import { answerSafely } from './answer-safely.js';
import { sendJson } from './send-json.js';

/** What /livez, /readyz and /metrics answer from: the API server's and a worker's probe server. */
export interface ProbeOptions {
  isReady: () => Promise<boolean> | boolean;
  /** Fuller readiness (which check failed); when given it answers /readyz instead of `isReady`. */
  readiness?: () => Promise<ReadinessReport>;
  /** Served at /metrics; `token` (when set) must come as `Authorization: Bearer <token>`. */
  metrics?: { metrics: SenderMetrics; token?: string };
  logger?: Logger;
}

/** Answers a probe path and returns true, or returns false for any other path. */
export function answerProbe(
  options: ProbeOptions,
  path: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): boolean {
  if (path === '/livez') {
    sendJson(res, 200, { status: 'ok' });
    return true;
  }
  if (path === '/readyz') {
    answerSafely(options.logger, res, () => answerReadiness(options, res));
    return true;
  }
  const metrics = options.metrics;
  if (path === '/metrics' && metrics) {
    answerSafely(options.logger, res, () => answerMetrics(metrics, req, res));
    return true;
  }
  return false;
}

/**
 * `taskhooks worker`'s own listener (TASKHOOKS_WORKER_PROBE_PORT): the probes only, so an
 * orchestrator can watch a process that serves no API.
 */
export function createProbeServer(options: ProbeOptions): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (answerProbe(options, path, req, res)) return;
    const error = restError(
      404,
      'not_found',
      `no route for ${req.method} ${path}: this worker serves /livez, /readyz and /metrics`,
    );
    sendJson(res, error.status, error.body);
  });
}

async function answerReadiness(options: ProbeOptions, res: http.ServerResponse): Promise<void> {
  try {
    if (options.readiness) {
      const report = await options.readiness();
      return sendJson(res, report.ready ? 200 : 503, {
        status: report.ready ? 'ready' : 'not_ready',
        checks: report.checks,
      });
    }
    const ready = await options.isReady();
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready' });
  } catch {
    sendJson(res, 503, { status: 'not_ready' });
  }
}

async function answerMetrics(
  config: NonNullable<ProbeOptions['metrics']>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  // Constant-time, like every other key check (hashes equalise the lengths).
  if (config.token && !adminKeyAuthenticator(config.token)(req.headers.authorization)) {
    const error = restError(
      401,
      'unauthorized',
      'metrics need `Authorization: Bearer <TASKHOOKS_METRICS_TOKEN>`',
    );
    return sendJson(res, error.status, error.body);
  }
  const text = await config.metrics.render();
  res.writeHead(200, {
    'content-type': config.metrics.contentType,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
