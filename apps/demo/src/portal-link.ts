/**
 * Asks the sender for a magic link to the tenant's endpoint portal (tRPC `portal.createLink`).
 * Returns null when this sender has no portal, so the demo still runs against older builds.
 */
export async function createPortalLink(
  senderUrl: string,
  adminKey: string,
  tenantId: string,
): Promise<{ url: string; expiresAt: number } | null> {
  const response = await fetch(`${senderUrl}/trpc/portal.createLink`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId }),
    signal: AbortSignal.timeout(5_000),
  });
  if (response.status === 404) return null;
  const body = (await response.json()) as { result?: { data?: { url: string; expiresAt: number } } };
  if (!response.ok || !body.result?.data) {
    throw new Error(`portal.createLink answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.result.data;
}
