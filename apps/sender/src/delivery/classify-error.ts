import { type DispatchErrorKind, loggableText } from './dispatch-result.js';

/**
 * Error code an SSRF guard (plugged in through the dispatcher's `connect` hook) must put on the
 * error it raises, so the attempt is recorded as `blocked` and never retried.
 */
export const DESTINATION_BLOCKED_CODE = 'ERR_DESTINATION_BLOCKED';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
]);

export interface ClassifiedError {
  kind: Exclude<DispatchErrorKind, 'http_status'>;
  message: string;
}

/**
 * Maps an error thrown while sending to a failure class. `timedOut` / `aborted` say whether our
 * own timer or the caller's signal fired, which undici reports only as a generic abort.
 */
export function classifyDispatchError(
  error: unknown,
  state: { timedOut: boolean; aborted: boolean },
): ClassifiedError {
  const code = errorCode(error);
  if (code === DESTINATION_BLOCKED_CODE) return { kind: 'blocked', message: safeMessage(error) };
  if (state.timedOut) return { kind: 'timeout', message: 'no complete response within the attempt timeout' };
  if (state.aborted) return { kind: 'aborted', message: 'attempt aborted by the worker' };
  if (code !== undefined && TIMEOUT_CODES.has(code))
    return { kind: 'timeout', message: `${code}: ${safeMessage(error)}` };
  return {
    kind: 'network',
    message: code === undefined ? safeMessage(error) : `${code}: ${safeMessage(error)}`,
  };
}

function errorCode(error: unknown): string | undefined {
  // Node wraps connect errors (ECONNREFUSED on every address) in an AggregateError with a code.
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = errorCode(inner);
      if (innerCode !== undefined) return innerCode;
    }
  }
  return undefined;
}

/**
 * Error messages from the socket layer name at most the host and port; they are cut to a
 * bounded length because they end up in the attempt log.
 */
function safeMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = loggableText(raw === '' && error instanceof AggregateError ? 'connection failed' : raw);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}
