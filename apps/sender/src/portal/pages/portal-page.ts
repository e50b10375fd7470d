import { escapeHtml, pageDocument } from './html.js';

export interface PortalPageOptions {
  /** Handed to the page once, right after a magic link was exchanged; absent on a reload. */
  session?: { token: string; expiresAt: number };
  tenantName?: string;
}

/**
 * The portal's one HTML page; the script (assets/js/main.js) renders the views into <main>. The
 * session token travels in a meta tag the script reads and removes (CSP forbids inline scripts),
 * then keeps in memory and in this tab's sessionStorage so a reload inside the iframe still works.
 */
export function renderPortalPage(options: PortalPageOptions = {}): string {
  const session = options.session
    ? `<meta name="taskhooks-portal-session" content="${escapeHtml(options.session.token)}" data-expires-at="${options.session.expiresAt}">`
    : '';
  const tenant = options.tenantName ? escapeHtml(options.tenantName) : '';
  return pageDocument({
    title: 'Webhooks',
    head: `${session}\n<script type="module" src="/portal/assets/js/main.js"></script>`,
    body: `<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
  <div class="topbar-inner">
    <div class="brand">
      <span class="brand-mark" aria-hidden="true"></span>
      <span class="brand-text"><span class="brand-title">Webhooks</span><span class="brand-tenant" id="tenant-name">${tenant}</span></span>
    </div>
    <p class="session-note" id="session-note"></p>
  </div>
</header>
<main id="main" class="container" tabindex="-1">
  <p class="loading">Loading your webhook settings…</p>
  <noscript><p class="notice notice-error">The webhook settings need JavaScript.</p></noscript>
</main>
<div id="status" class="toast-region" role="status" aria-live="polite" aria-atomic="true"></div>
<footer class="footer container"><p>Delivered by taskhooks · every request is signed and logged</p></footer>`,
  });
}
