/** What the portal adds to the app: a short-lived signed link for one tenant. */
interface PortalLinkMaker {
  createPortalLink(input: { tenantId: string; ttlSeconds?: number }): string | Promise<string>;
}

/**
 * The portal link for `tenantId`, when this build of the app serves a portal (null otherwise):
 * an absolute URL, or a path completed with the API's URL.
 */
export async function portalLinkOf(app: object, apiUrl: string, tenantId: string): Promise<string | null> {
  const maker = app as Partial<PortalLinkMaker>;
  if (typeof maker.createPortalLink !== 'function') return null;
  try {
    const link = await maker.createPortalLink({ tenantId });
    return link.startsWith('/') ? `${apiUrl}${link}` : link;
  } catch {
    return null;
  }
}

/** Whether the app serves something at `path` (e.g. the docs at /docs/). */
export async function isServed(apiUrl: string, path: string): Promise<boolean> {
  try {
    const response = await fetch(`${apiUrl}${path}`, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
