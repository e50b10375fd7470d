import { z } from 'zod';
import { extensionEvent, extensionExample } from './envelope.js';
import { isoMillisUtc, nonNegativeInt, signedSeconds } from './values.js';

export const hygieneStarted = extensionEvent(
  'hygiene.started',
  z
    .strictObject({
      startedAt: isoMillisUtc('When the hygiene opening began.'),
      expiresAt: isoMillisUtc('Deadline to lock up again without penalty.'),
      windowSeconds: z.number().int().positive().describe('Length of the allowed opening in seconds.'),
      penaltySeconds: nonNegativeInt('Seconds added to the lock if the wearer relocks after the deadline.'),
    })
    .describe('Event data: the hygiene window and its late penalty.'),
  {
    description: 'The wearer started a hygiene opening: the lock is temporarily opened for a limited window.',
    examples: [
      extensionExample(10, 'hygiene.started', {
        startedAt: '2026-02-16T02:00:00.000Z',
        expiresAt: '2026-02-16T02:30:00.000Z',
        windowSeconds: 1800,
        penaltySeconds: 3600,
      }),
    ],
  },
);

/** `hygiene.resumed` and `hygiene.resumed_late` share one shape; the event name says whether it was late. */
const resumedData = z
  .strictObject({
    completedAt: isoMillisUtc('When the wearer locked up again.'),
    lateMinutes: nonNegativeInt('Whole minutes past the deadline; 0 when on time.'),
    penaltyApplied: z.boolean().describe('True when a lateness penalty was applied.'),
    punishmentSeconds: nonNegativeInt('Penalty the rules call for, in seconds; 0 without a penalty.'),
    penaltyMode: z
      .enum(['time', 'cards'])
      .nullable()
      .describe(
        'How the penalty was applied: `time` added to the lock, or `cards` added to the card game; null when none.',
      ),
    cardsAdjusted: nonNegativeInt(
      'Cards added to the card game as penalty; 0 unless penaltyMode is `cards`.',
    ),
    actualDeltaSeconds: signedSeconds(
      'Lock time actually added by the penalty, or null when no time was changed or it cannot be derived.',
    ).nullable(),
  })
  .describe('Event data: when the wearer relocked and any lateness penalty.');

export const hygieneResumed = extensionEvent('hygiene.resumed', resumedData, {
  description: 'The wearer locked up again within the hygiene window; no penalty.',
  examples: [
    extensionExample(11, 'hygiene.resumed', {
      completedAt: '2026-02-16T02:20:00.000Z',
      lateMinutes: 0,
      penaltyApplied: false,
      punishmentSeconds: 0,
      penaltyMode: null,
      cardsAdjusted: 0,
      actualDeltaSeconds: null,
    }),
  ],
});

export const hygieneResumedLate = extensionEvent('hygiene.resumed_late', resumedData, {
  description: 'The wearer locked up again after the hygiene window closed; the late penalty may apply.',
  examples: [
    extensionExample(12, 'hygiene.resumed_late', {
      completedAt: '2026-02-16T02:45:00.000Z',
      lateMinutes: 15,
      penaltyApplied: true,
      punishmentSeconds: 3600,
      penaltyMode: 'time',
      cardsAdjusted: 0,
      actualDeltaSeconds: 3600,
    }),
  ],
});
