/**
 * A used link nonce is kept this long past its link's expiry before it is forgotten. Each process
 * checks expiry against its own clock: without the margin, a process whose clock runs ahead would
 * forget a nonce that a process running behind still accepts the link for, and the link could be
 * opened twice. Ten minutes covers any clock an NTP-synchronised fleet has.
 */
export const USED_LINK_GRACE_MS = 10 * 60_000;

/** Used nonces whose link expired before this time may be deleted. */
export function forgetUsedLinksBefore(now: number): number {
  return now - USED_LINK_GRACE_MS;
}
