import { escapeHtml, pageDocument } from './html.js';

export type RefusalReason = 'expired' | 'invalid' | 'used' | 'revoked' | 'missing';

const REFUSALS: Record<RefusalReason, { status: number; title: string; text: string }> = {
  expired: {
    status: 401,
    title: 'This link has expired',
    text: 'Links to the webhook settings only work for a few minutes. Go back to the app and open the webhook settings again to get a fresh link.',
  },
  used: {
    status: 403,
    title: 'This link was already used',
    text: 'Each link to the webhook settings opens them once. Go back to the app and open the webhook settings again.',
  },
  revoked: {
    status: 403,
    title: 'This link was withdrawn',
    text: 'The access this link was made with has been revoked. Go back to the app and open the webhook settings again.',
  },
  invalid: {
    status: 403,
    title: 'This link is not valid',
    text: 'The link is incomplete or was changed. Open the webhook settings from the app again instead of copying the link.',
  },
  missing: {
    status: 401,
    title: 'Open the webhook settings from your app',
    text: 'This page needs a sign-in link from the app. Open the webhook settings there.',
  },
};

/** The answer to a refused magic link: a readable page with the status that says why. */
export function refusedPage(reason: RefusalReason): { status: number; html: string } {
  const refusal = REFUSALS[reason];
  return {
    status: refusal.status,
    html: pageDocument({
      title: refusal.title,
      body: `<header class="topbar">
  <div class="topbar-inner">
    <div class="brand"><span class="brand-mark" aria-hidden="true"></span><span class="brand-title">Webhooks</span></div>
  </div>
</header>
<main id="main" class="container refused" data-refusal="${reason}">
  <section class="card refused-card" aria-labelledby="refused-title">
    <span class="refused-icon refused-${reason}" aria-hidden="true">!</span>
    <h1 id="refused-title">${escapeHtml(refusal.title)}</h1>
    <p>${escapeHtml(refusal.text)}</p>
  </section>
</main>`,
    }),
  };
}
