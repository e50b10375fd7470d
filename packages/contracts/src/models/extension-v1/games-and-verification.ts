import { z } from 'zod';
import { CALENDAR_DATE, formatError } from '../shared/format-error.js';
import { extensionEvent, extensionExample } from './envelope.js';
import { httpUrl, isoMillisUtc, nonNegativeInt, platformId, signedSeconds } from './values.js';

export const verificationPictureSubmitted = extensionEvent(
  'verification.picture_submitted',
  z
    .strictObject({
      verificationId: platformId('the verification picture record'),
      date: z.iso
        .date({ error: formatError(CALENDAR_DATE) })
        .describe('Calendar day (YYYY-MM-DD) the verification counts for.'),
      submittedAt: isoMillisUtc('When the picture was uploaded.'),
      photoUrl: httpUrl('Where the picture can be fetched (http or https URL on the platform CDN).'),
    })
    .describe('Event data: the submitted verification picture.'),
  {
    description: 'The wearer uploaded a verification picture for the lock.',
    examples: [
      extensionExample(13, 'verification.picture_submitted', {
        verificationId: 'verification_id',
        date: '2026-02-16',
        submittedAt: '2026-02-16T03:10:00.000Z',
        photoUrl: 'https://cdn.example.com/locks/...',
      }),
    ],
  },
);

export const diceRolled = extensionEvent(
  'dice.rolled',
  z
    .strictObject({
      userTotalScore: nonNegativeInt("Sum of the wearer's dice."),
      botTotalScore: nonNegativeInt("Sum of the bot's dice."),
      difference: z.number().int().describe('`userTotalScore - botTotalScore`; negative when the bot won.'),
      requestedAdjustmentSeconds: signedSeconds('Lock-time change the roll called for.'),
      appliedAdjustmentSeconds: signedSeconds('Lock-time change actually applied after limits.'),
      cardGameEnabled: z
        .boolean()
        .describe('True when the card game is on, so results may also affect cards.'),
    })
    .describe('Event data: the dice scores and the resulting time adjustment.'),
  {
    description: 'The wearer rolled the dice against the bot; the result may add or remove lock time.',
    examples: [
      extensionExample(14, 'dice.rolled', {
        userTotalScore: 14,
        botTotalScore: 8,
        difference: 6,
        requestedAdjustmentSeconds: -3600,
        appliedAdjustmentSeconds: -3600,
        cardGameEnabled: false,
      }),
    ],
  },
);
