import { z } from 'zod';
import { isoMillisUtc, nonNegativeInt, platformId } from './values.js';

const userSchema = (role: string) =>
  z
    .strictObject({
      id: platformId(`the ${role}'s user account`),
      username: z.string().min(1).max(100).describe(`Public username of the ${role}.`),
    })
    .describe(`The ${role} of the lock.`);

export const extensionAppSchema = z
  .strictObject({
    id: platformId('the app that installed the extension'),
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .describe('URL-safe app slug in lower case, e.g. `my-app`.'),
    displayName: z.string().min(1).max(100).describe('App name as shown to users.'),
  })
  .describe('The app that receives this webhook.');

export const extensionStateSchema = z
  .strictObject({
    sessionId: platformId('the extension session (same value as the top-level `sessionId`)'),
    enabled: z.boolean().describe('True while the extension is switched on for this lock.'),
    config: z
      .record(z.string(), z.unknown())
      .describe('The extension configuration chosen for this lock; free-form, defined by each app.'),
  })
  .describe('The extension session on this lock and its configuration.');

export const lockSnapshotSchema = z
  .strictObject({
    id: platformId('the lock'),
    title: z.string().max(200).describe('Lock title chosen by its owner.'),
    releaseAt: isoMillisUtc('When the lock is due to open, or null when it has no end time yet.').nullable(),
    remainingSeconds: nonNegativeInt(
      'Seconds until `releaseAt`, or null exactly when `releaseAt` is null.',
    ).nullable(),
    isLocked: z.boolean().describe('True while the lock is closed.'),
    isFrozen: z.boolean().describe('True while the timer is frozen (not counting down).'),
  })
  .describe('The lock as it is when the webhook is queued.');

interface EventDocs {
  description: string;
  examples: unknown[];
}

/**
 * One extension_v1 event: the documented top-level envelope around an event-specific `eventData`.
 * `lockMayBeGone` is for events about a lock that may no longer exist, where `lock` can be null.
 */
export function extensionEvent<const Name extends string, Data extends z.ZodObject>(
  name: Name,
  eventData: Data,
  docs: EventDocs,
  options: { lockMayBeGone?: boolean } = {},
) {
  const lock = options.lockMayBeGone
    ? lockSnapshotSchema.nullable().describe('The lock as it was, or null when it no longer exists.')
    : lockSnapshotSchema;
  return z
    .strictObject({
      id: z
        .uuid()
        .describe('Unique delivery id of this event; identical across retries, use it to deduplicate.'),
      event: z.literal(name).describe('Event name; also sent in the `x-webhook-event` header.'),
      eventData,
      timestamp: isoMillisUtc('When the event happened.'),
      app: extensionAppSchema,
      sessionId: platformId('the extension session this event belongs to'),
      extension: extensionStateSchema,
      wearer: userSchema('wearer'),
      keyholder: userSchema('keyholder')
        .nullable()
        .describe('The keyholder of the lock, or null for a self-lock without a keyholder.'),
      lock,
    })
    .meta({ title: name, ...docs });
}

/** The seed's top-level example, with a real uuid in place of its `"uuid"` placeholder. */
export function extensionExample(
  n: number,
  event: string,
  eventData: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  return {
    id: `9a3f2c1e-7b4d-4e8f-a6c5-${n.toString(16).padStart(12, '0')}`,
    event,
    eventData,
    timestamp: '2026-02-16T01:23:45.678Z',
    app: { id: 'app_id', slug: 'my-app', displayName: 'My App' },
    sessionId: 'extension_session_id',
    extension: { sessionId: 'extension_session_id', enabled: true, config: {} },
    wearer: { id: 'wearer_user_id', username: 'wearer_name' },
    keyholder: { id: 'keyholder_user_id', username: 'keyholder_name' },
    lock: {
      id: 'lock_id',
      title: 'Lock title',
      releaseAt: '2026-02-20T00:00:00.000Z',
      remainingSeconds: 12345,
      isLocked: true,
      isFrozen: false,
    },
    ...overrides,
  };
}
