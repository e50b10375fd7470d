import { z } from 'zod';
import { extensionEvent, extensionExample } from './envelope.js';
import { changeSourceSchema, isoMillisUtc, nonNegativeInt, platformId, signedSeconds } from './values.js';

export const lockTimeChanged = extensionEvent(
  'lock.time_changed',
  z
    .strictObject({
      source: changeSourceSchema,
      beforeReleaseAt: isoMillisUtc(
        'Release time before the change, or null if the lock had none.',
      ).nullable(),
      afterReleaseAt: isoMillisUtc('Release time after the change, or null if the lock has none.').nullable(),
      requestedDeltaSeconds: signedSeconds('Time change the action asked for.'),
      appliedDeltaSeconds: signedSeconds(
        'Time change actually persisted (after caps and limits), or null when it cannot be derived from the two release times.',
      ).nullable(),
    })
    .describe('Event data: who changed the lock time and by how much.'),
  {
    description:
      'Time was added to or removed from the lock (by the keyholder, a dice roll, a penalty, …). Compare requested and applied deltas to see caps.',
    examples: [
      extensionExample(1, 'lock.time_changed', {
        source: 'keyholder',
        beforeReleaseAt: '2026-02-20T00:00:00.000Z',
        afterReleaseAt: '2026-02-20T01:00:00.000Z',
        requestedDeltaSeconds: 3600,
        appliedDeltaSeconds: 3600,
      }),
      extensionExample(2, 'lock.time_changed', {
        source: 'dice',
        beforeReleaseAt: null,
        afterReleaseAt: null,
        requestedDeltaSeconds: -1800,
        appliedDeltaSeconds: null,
      }),
    ],
  },
);

const freezeData = (what: string) =>
  z
    .strictObject({
      source: changeSourceSchema,
      durationSeconds: nonNegativeInt(
        'Length of the freeze in seconds: planned length when freezing, how long it lasted when unfreezing.',
      ),
      beforeFrozen: z.boolean().describe('Whether the lock was frozen before this action.'),
      afterFrozen: z.boolean().describe(`Whether the lock is frozen after this action (${what}).`),
    })
    .describe('Event data: who changed the freeze state, and the state before and after.');

export const lockFrozen = extensionEvent('lock.frozen', freezeData('always true for lock.frozen'), {
  description: 'The lock timer was frozen: it stops counting down until unfrozen.',
  examples: [
    extensionExample(3, 'lock.frozen', {
      source: 'keyholder',
      durationSeconds: 3600,
      beforeFrozen: false,
      afterFrozen: true,
    }),
  ],
});

export const lockUnfrozen = extensionEvent('lock.unfrozen', freezeData('always false for lock.unfrozen'), {
  description: 'A frozen lock timer was unfrozen and counts down again.',
  examples: [
    extensionExample(
      4,
      'lock.unfrozen',
      { source: 'dice', durationSeconds: 900, beforeFrozen: true, afterFrozen: false },
      { timestamp: '2026-02-16T01:38:45.678Z' },
    ),
  ],
});

export const lockArchiveRemoval = extensionEvent(
  'lock.archive_removal',
  z
    .strictObject({
      source: z
        .enum(['delete', 'archive'])
        .describe('How the lock left the active list: `delete` (removed) or `archive` (kept in history).'),
      actorRole: z.enum(['wearer', 'keyholder']).describe('Who removed it: the `wearer` or the `keyholder`.'),
      lockId: platformId('the removed lock (repeated here because `lock` may be null once it is deleted)'),
    })
    .describe('Event data: which lock was archived or deleted, how, and by whom.'),
  {
    description:
      'A lock was archived or deleted, so the extension session on it ends. Stop scheduling work for this lock.',
    examples: [
      extensionExample(
        5,
        'lock.archive_removal',
        { source: 'archive', actorRole: 'wearer', lockId: 'lock_id' },
        {
          lock: {
            id: 'lock_id',
            title: 'Lock title',
            releaseAt: '2026-02-20T00:00:00.000Z',
            remainingSeconds: 12345,
            isLocked: false,
            isFrozen: false,
          },
        },
      ),
      extensionExample(
        6,
        'lock.archive_removal',
        { source: 'delete', actorRole: 'keyholder', lockId: 'lock_id' },
        { lock: null },
      ),
    ],
  },
  { lockMayBeGone: true },
);
