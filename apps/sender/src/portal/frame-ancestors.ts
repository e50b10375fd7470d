import type { SecurityMode } from '../security/security-mode.js';

// A CSP source expression as frame-ancestors accepts it: a keyword, `*`, or a scheme/host(/port)
// source such as `https://app.example.com`, `http://localhost:3000`, `https://*.example.com`.
// Anything else (`;`, quotes in odd places, paths with spaces) could smuggle another directive.
const SOURCE =
  /^(\*|'self'|'none'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*:\/\/)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?\/?)$/i;

/** The sources of TASKHOOKS_PORTAL_FRAME_ANCESTORS (space or comma separated), or null when invalid. */
export function parseFrameAncestors(value: string): string[] | null {
  const sources = value
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (sources.length === 0 || !sources.every((source) => SOURCE.test(source))) return null;
  if (sources.includes("'none'") && sources.length > 1) return null;
  return sources;
}

/**
 * Who may embed the portal in a frame. Unset: any page in development (embed it from whatever
 * local app you are building, nothing to configure) and only the sender's own origin in
 * production, until the operator names the host app (e.g. `https://app.example.com`). A portal page
 * is useless without a freshly minted magic link, so framing alone gives an attacker nothing; the
 * production default is still the conservative one.
 */
export function frameAncestorsFor(configured: string | undefined, mode: SecurityMode): string[] {
  if (configured !== undefined && configured.trim() !== '') {
    const parsed = parseFrameAncestors(configured);
    if (!parsed) throw new TypeError('TASKHOOKS_PORTAL_FRAME_ANCESTORS is not a list of CSP sources');
    return parsed;
  }
  return mode === 'production' ? ["'self'"] : ['*'];
}
