// Boots the portal: takes the session, loads the event catalog, and renders the view named by
// the URL hash (#/, #/new, #/endpoints/<id>, #/endpoints/<id>/edit).
import { createApi, SESSION_ENDED } from './api.js';
import { focusHeading, formatTime, h, replace } from './dom.js';
import { forgetSession, takeSession } from './session.js';
import { renderEndpointDetail } from './views/endpoint-detail.js';
import { renderEndpointForm } from './views/endpoint-form.js';
import { renderEndpointList } from './views/endpoint-list.js';

const main = document.getElementById('main');
let cleanup = null;
let ended = false;

function showEnded(title, text) {
  ended = true;
  cleanup?.();
  forgetSession();
  replace(
    main,
    h(
      'section',
      { class: 'card empty', 'aria-labelledby': 'ended-title' },
      h('h1', { id: 'ended-title' }, title),
      h('p', {}, text),
    ),
  );
  focusHeading(main);
}

async function boot() {
  const session = takeSession();
  if (!session) {
    showEnded(
      'Open the webhook settings from your app',
      'This page needs a fresh sign-in link from the app. Go back and open the webhook settings there.',
    );
    return;
  }
  document.getElementById('session-note').textContent =
    `Secure session · until ${formatTime(session.expiresAt)}`;
  window.addEventListener(SESSION_ENDED, () =>
    showEnded(
      'Your session has ended',
      'For your security the webhook settings close after a while. Open them again from the app to continue.',
    ),
  );

  const app = {
    api: createApi(session),
    catalog: [],
    /** Secrets shown once: endpoint id → { secret, note }; removed as soon as they are displayed. */
    pendingSecrets: new Map(),
    navigate(hash) {
      if (location.hash === hash) void route();
      else location.hash = hash;
    },
  };
  try {
    app.catalog = (await app.api('catalog')).models;
  } catch (error) {
    if (!ended) replace(main, h('p', { class: 'notice notice-error', role: 'alert' }, error.message));
    return;
  }

  async function route() {
    if (ended) return;
    cleanup?.();
    cleanup = null;
    const path = location.hash.replace(/^#/, '') || '/';
    const edit = /^\/endpoints\/([^/]+)\/edit$/.exec(path);
    const detail = /^\/endpoints\/([^/]+)$/.exec(path);
    const view = h('div', { class: 'view' });
    replace(main, h('p', { class: 'loading' }, 'Loading…'));
    try {
      if (path === '/new') cleanup = await renderEndpointForm(view, app, null);
      else if (edit) cleanup = await renderEndpointForm(view, app, decodeURIComponent(edit[1]));
      else if (detail) cleanup = await renderEndpointDetail(view, app, decodeURIComponent(detail[1]));
      else cleanup = await renderEndpointList(view, app);
    } catch (error) {
      if (ended) return;
      replace(
        view,
        h('a', { class: 'back-link', href: '#/' }, '← All endpoints'),
        h('h1', {}, error.status === 404 ? 'Not found' : 'Something went wrong'),
        h('p', { class: 'notice notice-error' }, error.message),
      );
    }
    if (ended) return;
    replace(main, view);
    focusHeading(view);
  }

  window.addEventListener('hashchange', () => void route());
  await route();
}

void boot();
