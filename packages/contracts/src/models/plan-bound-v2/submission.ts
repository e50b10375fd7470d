import { z } from 'zod';
import { attemptTypeSchema, submissionStatusSchema } from './enums.js';
import { id, localDateTime, percent } from './scalars.js';

export const submissionSchema = z
  .strictObject({
    id: id('Id of the attempt or submission.'),
    attempt_type: attemptTypeSchema,
    status: submissionStatusSchema,
    score_pct: percent()
      .nullable()
      .describe('Score of this attempt in percent, or null when it has no score (yet).'),
    submitted_at: localDateTime('When the child handed it in (server local time, no offset).'),
    reviewed_at: localDateTime(
      'When it was approved or rejected, by the app or a parent (server local time, no offset).',
    )
      .nullable()
      .describe(
        'When it was approved or rejected (server local time, no offset), or null while not reviewed.',
      ),
  })
  .describe('The attempt or submission the event is about.');
export type Submission = z.output<typeof submissionSchema>;
