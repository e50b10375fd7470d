import { DEFAULT_BODY_EXCERPT_BYTES } from '../../src/delivery/http-dispatch.js';
import type { Attempt, Delivery, RetryPolicy } from '../../src/store/types.js';
import { expectedFor, isSuccess, RETRY_AFTER_SECONDS } from '../chaos-receiver/behaviours.js';
import type { ChaosReceiver, ChaosRequest } from '../chaos-receiver/chaos-server.js';

export interface ChaosChecks {
  requests: number;
  succeeded: number;
  /** Failed exactly as the policy says: a 400 (not retried) or every attempt used up. */
  failedAsPolicy: number;
  /** Not finished, or finished differently from what the receiver's answers call for. */
  wrongOutcome: number;
  /** Requests the receiver got that the attempt log lacks, or log entries with no request. */
  attemptCountMismatches: number;
  /** Logged attempts whose status or error kind differs from what the receiver did. */
  attemptMismatches: number;
  /** Requests sent again after a delivery had already succeeded. */
  sentAfterSuccess: number;
  /** A request of a delivery arriving before the previous one of the same delivery had ended. */
  overlaps: number;
  /** A retry after 429 + Retry-After sooner than it asked. */
  retryAfterViolations: number;
  hugeExcerptsCapped: number;
  maxExcerptBytes: number;
  /** slow_bytes answers the sender's timeout cut off (expected then: a logged timeout). */
  slowAnswersOvertaken: number;
  /** The first few problems, described. */
  problems: string[];
}

// Timer granularity between the receiver's clock reading and the sender's.
const CLOCK_SLACK_MS = 50;

/** Compares the sender's delivery and attempt records with what the chaos receiver really did. */
export function checkChaosDeliveries(input: {
  published: readonly string[];
  deliveries: readonly (Delivery & { attempts: Attempt[] })[];
  receiver: Pick<ChaosReceiver, 'requestsById'>;
  policy: RetryPolicy;
}): ChaosChecks {
  const byMessage = new Map(input.deliveries.map((d) => [d.messageId, d]));
  const checks: ChaosChecks = {
    requests: 0,
    succeeded: 0,
    failedAsPolicy: 0,
    wrongOutcome: 0,
    attemptCountMismatches: 0,
    attemptMismatches: 0,
    sentAfterSuccess: 0,
    overlaps: 0,
    retryAfterViolations: 0,
    hugeExcerptsCapped: 0,
    maxExcerptBytes: 0,
    slowAnswersOvertaken: 0,
    problems: [],
  };
  const problem = (text: string) => checks.problems.length < 20 && checks.problems.push(text);
  for (const requests of input.receiver.requestsById.values()) checks.requests += requests.length;

  for (const id of input.published) {
    const delivery = byMessage.get(id);
    const requests = input.receiver.requestsById.get(id) ?? [];
    if (!delivery) {
      checks.wrongOutcome++;
      problem(`message ${id}: no delivery stored`);
      continue;
    }
    const { attempts } = delivery;
    if (attempts.length !== requests.length) {
      checks.attemptCountMismatches++;
      problem(
        `delivery ${delivery.id}: ${requests.length} requests received, ${attempts.length} attempts logged`,
      );
    }
    for (let i = 0; i < Math.min(attempts.length, requests.length); i++) {
      if (!attemptMatches(attempts[i]!, requests[i]!)) {
        checks.attemptMismatches++;
        problem(
          `delivery ${delivery.id} attempt ${i + 1}: receiver did ${requests[i]!.behaviour}, ` +
            `log says status ${attempts[i]!.responseStatus} error ${attempts[i]!.error}`,
        );
      }
    }
    for (const attempt of attempts) {
      const bytes = Buffer.byteLength(attempt.responseBodyExcerpt ?? '');
      checks.maxExcerptBytes = Math.max(checks.maxExcerptBytes, bytes);
    }
    checks.slowAnswersOvertaken += requests.filter((r) => !r.headersSent).length;
    requests.forEach((request, i) => {
      const logged = attempts[i]?.responseBodyExcerpt;
      if (
        request.behaviour.startsWith('huge_') &&
        logged &&
        Buffer.byteLength(logged) === DEFAULT_BODY_EXCERPT_BYTES
      )
        checks.hugeExcerptsCapped++;
    });
    checkTiming(requests, checks, problem);

    const firstSuccess = requests.findIndex((r) => isSuccess(r));
    if (firstSuccess >= 0) checks.sentAfterSuccess += requests.length - firstSuccess - 1;
    const last = requests.at(-1);
    const expectedState = firstSuccess >= 0 ? 'succeeded' : 'failed';
    const policyEnded =
      firstSuccess >= 0 ||
      (last !== undefined && (last.behaviour === 'rejected' || requests.length === input.policy.maxAttempts));
    if (delivery.state === expectedState && policyEnded) {
      if (expectedState === 'succeeded') checks.succeeded++;
      else checks.failedAsPolicy++;
    } else {
      checks.wrongOutcome++;
      problem(
        `delivery ${delivery.id}: state ${delivery.state} after ${requests.map((r) => r.behaviour).join(', ') || 'no request'}`,
      );
    }
  }
  return checks;
}

function attemptMatches(attempt: Attempt, request: ChaosRequest): boolean {
  const expected = expectedFor(request);
  if (expected.kind === 'status') return attempt.responseStatus === expected.status;
  return attempt.responseStatus === null && (attempt.error ?? '').startsWith(`${expected.kind}:`);
}

/** No overlap between consecutive requests of one delivery, and Retry-After honoured. */
function checkTiming(
  requests: readonly ChaosRequest[],
  checks: ChaosChecks,
  problem: (text: string) => void,
) {
  for (let i = 1; i < requests.length; i++) {
    const previous = requests[i - 1]!;
    const next = requests[i]!;
    if (previous.endedAt === null || next.arrivedAt < previous.endedAt) {
      checks.overlaps++;
      problem(`message ${next.id}: request ${i + 1} arrived while request ${i} was still open`);
      continue;
    }
    if (
      previous.behaviour === 'rate_limited' &&
      next.arrivedAt - previous.endedAt < RETRY_AFTER_SECONDS * 1000 - CLOCK_SLACK_MS
    ) {
      checks.retryAfterViolations++;
      problem(`message ${next.id}: retried ${next.arrivedAt - previous.endedAt} ms after 429 + Retry-After`);
    }
  }
}
