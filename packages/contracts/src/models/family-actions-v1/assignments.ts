import { z } from 'zod';
import { CALENDAR_DATE, formatError } from '../shared/format-error.js';
import { familyActionEvent, familyExample } from './envelope.js';
import { entityId } from './values.js';

export const assignmentCreated = familyActionEvent(
  'assignment.created',
  z
    .strictObject({
      assignment_id: entityId('the new assignment'),
      chore_id: entityId('the chore being assigned'),
      child_id: entityId('the child the chore is assigned to')
        .nullable()
        .describe('Id of the child the chore is assigned to, or null when it is open to every child.'),
      bidding_enabled: z
        .boolean()
        .describe(
          'True when children may bid (offer to do it for a lower reward) instead of a fixed assignee.',
        ),
      due_on: z.iso
        .date({ error: formatError(CALENDAR_DATE) })
        .nullable()
        .describe(
          'Calendar day (YYYY-MM-DD, family time zone) the assignment is due, or null for no due day.',
        ),
    })
    .describe('Event data: the new assignment and whom it targets.'),
  {
    description: 'A parent assigned a chore to a child or opened it to all children (`POST /assignments`).',
    examples: [
      familyExample(4, 'assignment.created', {
        assignment_id: 'asg_9v3k1p',
        chore_id: 'chr_4hq2w8',
        child_id: 'usr_c55ha7',
        bidding_enabled: false,
        due_on: '2026-03-08',
      }),
      familyExample(5, 'assignment.created', {
        assignment_id: 'asg_9v3k1q',
        chore_id: 'chr_7za0rt',
        child_id: null,
        bidding_enabled: true,
        due_on: null,
      }),
    ],
  },
);

export const assignmentLinked = familyActionEvent(
  'assignment.linked',
  z
    .strictObject({
      link_id: entityId('the link group'),
      assignment_ids: z
        .array(entityId('an assignment in the group'))
        .min(2)
        .describe('Ids of the assignments now linked together (at least two).'),
    })
    .describe('Event data: the link group and its assignments.'),
  {
    description:
      'A parent linked several assignments into one group (`POST /assignments/link`), e.g. the same chore given to siblings who share or race for it.',
    examples: [
      familyExample(6, 'assignment.linked', {
        link_id: 'lnk_2b8d0e',
        assignment_ids: ['asg_9v3k1p', 'asg_9v3k1r'],
      }),
    ],
  },
);
