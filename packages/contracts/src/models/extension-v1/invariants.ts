import type { ContractIssue } from '../../parse/contract-error.js';

interface EnvelopeView {
  event: string;
  eventData: object;
  sessionId: string;
  extension: { sessionId: string };
  lock: { id: string; releaseAt: string | null; remainingSeconds: number | null } | null;
}

const frozenAfter: Record<string, boolean> = { 'lock.frozen': true, 'lock.unfrozen': false };

/**
 * Cross-field rules of extension_v1 that JSON Schema cannot state. Input is schema-valid.
 * Only rules the seed implies: the two session ids are one value, release time and remaining
 * seconds come and go together, deltas derived from timestamps agree with them.
 */
export function extensionInvariants(payload: EnvelopeView): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const fail = (path: string, message: string) => issues.push({ path, message, code: 'invariant' });
  const data = payload.eventData as Record<string, unknown>;

  if (payload.sessionId !== payload.extension.sessionId) {
    fail('extension.sessionId', 'must equal the top-level sessionId');
  }
  if (payload.lock && (payload.lock.releaseAt === null) !== (payload.lock.remainingSeconds === null)) {
    fail('lock.remainingSeconds', 'must be null exactly when lock.releaseAt is null');
  }

  switch (payload.event) {
    case 'lock.time_changed': {
      const { beforeReleaseAt, afterReleaseAt, appliedDeltaSeconds } = data as {
        beforeReleaseAt: string | null;
        afterReleaseAt: string | null;
        appliedDeltaSeconds: number | null;
      };
      if (beforeReleaseAt && afterReleaseAt && appliedDeltaSeconds !== null) {
        const derived = (Date.parse(afterReleaseAt) - Date.parse(beforeReleaseAt)) / 1000;
        if (appliedDeltaSeconds !== derived) {
          fail(
            'eventData.appliedDeltaSeconds',
            `must be ${derived}, the difference between the release times`,
          );
        }
      }
      break;
    }
    case 'lock.frozen':
    case 'lock.unfrozen': {
      const expected = frozenAfter[payload.event];
      if (data.afterFrozen !== expected)
        fail('eventData.afterFrozen', `must be ${expected} for ${payload.event}`);
      break;
    }
    case 'lock.archive_removal':
      if (payload.lock && payload.lock.id !== data.lockId) fail('eventData.lockId', 'must equal lock.id');
      break;
    case 'hygiene.started': {
      const { startedAt, expiresAt, windowSeconds } = data as {
        startedAt: string;
        expiresAt: string;
        windowSeconds: number;
      };
      if ((Date.parse(expiresAt) - Date.parse(startedAt)) / 1000 !== windowSeconds) {
        fail('eventData.expiresAt', 'must be startedAt + windowSeconds');
      }
      break;
    }
    case 'hygiene.resumed':
    case 'hygiene.resumed_late':
      if (data.penaltyApplied === false && data.penaltyMode !== null) {
        fail('eventData.penaltyMode', 'must be null when penaltyApplied is false');
      }
      break;
    case 'dice.rolled':
      if (data.difference !== (data.userTotalScore as number) - (data.botTotalScore as number)) {
        fail('eventData.difference', 'must equal userTotalScore - botTotalScore');
      }
      break;
  }
  return issues;
}
