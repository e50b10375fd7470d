// Where the portal session lives: handed over once in a meta tag after the magic link was
// exchanged, then kept in memory and in this tab's sessionStorage (per tab, partitioned per
// embedding site by the browser) so a reload inside the iframe keeps working until it expires.

const STORAGE_KEY = 'taskhooks-portal-session';

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage blocked (e.g. some privacy settings): the session lives in memory only
  }
}

/** @returns {{ token: string, expiresAt: number } | null} */
export function takeSession() {
  const meta = document.querySelector('meta[name="taskhooks-portal-session"]');
  if (meta) {
    const session = { token: meta.content, expiresAt: Number(meta.dataset.expiresAt) };
    meta.remove();
    storage()?.setItem(STORAGE_KEY, JSON.stringify(session));
    // The link worked once and never will again: take it out of the address bar and history.
    history.replaceState(null, '', `/portal/${location.hash}`);
    return session;
  }
  try {
    const stored = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? 'null');
    if (stored && typeof stored.token === 'string' && stored.expiresAt > Date.now()) return stored;
  } catch {
    // unreadable: treat as no session
  }
  return null;
}

export function forgetSession() {
  storage()?.removeItem(STORAGE_KEY);
}
