import { forgetUsedLinksBefore } from '../shared/portal-link-uses.js';
import { requireId, requireTime } from '../shared/validate.js';
import type { SqliteConnection } from './connection.js';

/** True the first time a link nonce is used (see migration 0004); nonces are forgotten a while after their link expired. */
export function markPortalLinkUsed(
  conn: SqliteConnection,
  nonce: string,
  expiresAt: number,
  now: number,
): boolean {
  requireId('nonce', nonce);
  requireTime('expiresAt', expiresAt);
  requireTime('now', now);
  return conn.write(() => {
    conn.stmt('DELETE FROM portal_link_uses WHERE expires_at <= ?').run(forgetUsedLinksBefore(now));
    const inserted = conn
      .stmt('INSERT INTO portal_link_uses (nonce, expires_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING')
      .run(nonce, expiresAt);
    return inserted.changes === 1;
  });
}
