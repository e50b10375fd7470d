import type { AttemptSeen } from '../remote/attempt-tracker.js';
import { type Style, styleStatus } from './colors.js';
import { clockTime, formatDuration } from './format.js';

/**
 * One delivery attempt as a line, in the Stripe CLI's shape:
 * `12:00:01  --> plan.completed [<message id>]  <-- [200] 12 ms  delivery <id>`.
 */
export function formatAttemptLine(style: Style, { delivery, attempt }: AttemptSeen): string {
  const status = attempt.responseStatus === null ? 'ERR' : String(attempt.responseStatus);
  const answer = styleStatus(style, attempt.responseStatus, `[${status}]`);
  const why = attempt.responseStatus === null && attempt.error ? ` ${attempt.error}` : '';
  const notes = [`delivery ${delivery.id}`];
  if (attempt.attemptNumber > 1) notes.push(`attempt ${attempt.attemptNumber}`);
  if (attempt.outcome === 'retry_scheduled') notes.push(style.yellow('will retry'));
  if (attempt.outcome === 'failed') notes.push(style.red('gave up'));
  return [
    style.dim(clockTime(attempt.startedAt)),
    `  --> ${style.bold(delivery.event)} [${delivery.messageId}]`,
    `  <-- ${answer}${why} ${formatDuration(attempt.durationMs)}`,
    `  ${style.dim(notes.join(', '))}`,
  ].join('');
}

/** The same attempt as a JSON object (for --json streams). */
export function attemptJson({ delivery, attempt }: AttemptSeen) {
  return {
    type: 'attempt',
    event: delivery.event,
    messageId: delivery.messageId,
    deliveryId: delivery.id,
    endpointId: delivery.endpointId,
    attempt: attempt.attemptNumber,
    status: attempt.responseStatus,
    durationMs: attempt.durationMs,
    outcome: attempt.outcome,
    error: attempt.error,
    startedAt: attempt.startedAt,
  };
}
