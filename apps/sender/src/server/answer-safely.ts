import type http from 'node:http';
import type { Logger } from 'pino';
import { restError } from '../rest/index.js';
import { sendJson } from './send-json.js';

/** Name and message only: a stack or cause could quote request data. */
export function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A handler that throws must cost one request a 500, never the process (an unhandled rejection). */
export function answerSafely(
  logger: Logger | undefined,
  res: http.ServerResponse,
  answer: () => Promise<void> | void,
): void {
  void (async () => answer())().catch((error: unknown) => {
    logger?.error({ err: errorSummary(error) }, 'HTTP request failed');
    if (res.writableEnded) return;
    if (res.headersSent) return void res.destroy();
    const failure = restError(500, 'internal_error', 'internal error; the sender logged the details');
    sendJson(res, failure.status, failure.body);
  });
}
