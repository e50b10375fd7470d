import type { ClaimOptions, CompleteDeliveryInput } from '../types.js';
import { StoreError } from './errors.js';
import { requireId, requirePositiveInt, requireTime } from './validate.js';

const COMPLETION_STATES = new Set(['succeeded', 'failed', 'pending']);
const OUTCOMES = new Set(['succeeded', 'failed', 'retry_scheduled']);

export function checkClaimOptions(options: ClaimOptions): void {
  requireId('workerId', options.workerId);
  requireTime('now', options.now);
  requirePositiveInt('limit', options.limit, 10_000);
  requirePositiveInt('leaseMs', options.leaseMs);
  if (options.excludeEndpointIds !== undefined && !Array.isArray(options.excludeEndpointIds)) {
    throw new StoreError('invalid_input', 'excludeEndpointIds: must be an array of endpoint ids');
  }
}

export function checkCompletion(input: CompleteDeliveryInput): void {
  requireId('deliveryId', input.deliveryId);
  requireId('leaseOwner', input.leaseOwner);
  requireTime('now', input.now);
  if (!COMPLETION_STATES.has(input.state)) {
    throw new StoreError('invalid_input', `state: must be succeeded, failed or pending, got ${input.state}`);
  }
  if (input.state === 'pending') {
    requireTime('nextAttemptAt (required when state is pending)', input.nextAttemptAt);
  }
  const { attempt } = input;
  requireId('attempt.id', attempt.id);
  if (attempt.deliveryId !== input.deliveryId) {
    throw new StoreError('invalid_input', 'attempt.deliveryId: must equal deliveryId');
  }
  requirePositiveInt('attempt.attemptNumber', attempt.attemptNumber);
  requireTime('attempt.startedAt', attempt.startedAt);
  if (!Number.isSafeInteger(attempt.durationMs) || attempt.durationMs < 0) {
    throw new StoreError('invalid_input', 'attempt.durationMs: must be a non-negative integer');
  }
  if (!OUTCOMES.has(attempt.outcome)) {
    throw new StoreError('invalid_input', `attempt.outcome: must be succeeded, failed or retry_scheduled`);
  }
  if (typeof attempt.requestHeaders !== 'object' || attempt.requestHeaders === null) {
    throw new StoreError(
      'invalid_input',
      'attempt.requestHeaders: must be an object of header names to values',
    );
  }
}
