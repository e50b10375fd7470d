import { defineModel } from '../../registry/define-model.js';
import { diceRolled, verificationPictureSubmitted } from './games-and-verification.js';
import { hygieneResumed, hygieneResumedLate, hygieneStarted } from './hygiene-events.js';
import { extensionInvariants } from './invariants.js';
import { lockArchiveRemoval, lockFrozen, lockTimeChanged, lockUnfrozen } from './lock-events.js';
import { taskAssigned, taskCompleted, taskFailed } from './task-events.js';

export { changeSourceSchema as extensionChangeSourceSchema } from './values.js';

/**
 * Seed 002: lock-extension webhooks. The documented envelope (`id`, `event`, `eventData`,
 * `timestamp`, `app`, `sessionId`, `extension`, `wearer`, `keyholder`, `lock`) around the
 * `eventData` of each of the 12 events. DECISIONS.md records the choices the seed left open.
 */
export const extensionV1 = defineModel({
  id: 'extension_v1',
  eventIdField: 'id',
  title: 'Extension webhooks v1',
  description:
    'Webhooks a lock platform sends to extension apps: lock time and freeze changes, task runs, hygiene openings, verification pictures, dice rolls and lock removal, each with the app, session, wearer, keyholder and lock snapshot.',
  events: {
    'lock.time_changed': lockTimeChanged,
    'lock.frozen': lockFrozen,
    'lock.unfrozen': lockUnfrozen,
    'task.assigned': taskAssigned,
    'task.completed': taskCompleted,
    'task.failed': taskFailed,
    'hygiene.started': hygieneStarted,
    'hygiene.resumed': hygieneResumed,
    'hygiene.resumed_late': hygieneResumedLate,
    'verification.picture_submitted': verificationPictureSubmitted,
    'dice.rolled': diceRolled,
    'lock.archive_removal': lockArchiveRemoval,
  },
  invariants: extensionInvariants,
});
