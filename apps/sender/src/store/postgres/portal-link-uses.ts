import { forgetUsedLinksBefore } from '../shared/portal-link-uses.js';
import { requireId, requireTime } from '../shared/validate.js';
import type { PostgresConnection } from './connection.js';

/**
 * True the first time a link nonce is used, whichever sender process sees it (see migration 0004);
 * the primary key decides between two processes opening the link at once. Nonces are forgotten
 * a while after their link expired (USED_LINK_GRACE_MS).
 */
export async function markPortalLinkUsed(
  conn: PostgresConnection,
  nonce: string,
  expiresAt: number,
  now: number,
): Promise<boolean> {
  requireId('nonce', nonce);
  requireTime('expiresAt', expiresAt);
  requireTime('now', now);
  await conn.query('DELETE FROM portal_link_uses WHERE expires_at <= $1', [forgetUsedLinksBefore(now)]);
  const inserted = await conn.query(
    'INSERT INTO portal_link_uses (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING',
    [nonce, expiresAt],
  );
  return inserted.rowCount === 1;
}
