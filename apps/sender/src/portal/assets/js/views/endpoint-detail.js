// One endpoint: its state and settings, the signing secret, test events, recovery and the log.
import { add, announce, formatDateTime, h, replace, toLocalInputValue } from '../dom.js';
import { createDeliveryLog } from './delivery-log.js';
import { endpointState, eventsSummary, receivedEvents, stateBadge, successRate } from './endpoint-state.js';
import { secretOncePanel, signingCard } from './secret-panel.js';

export async function renderEndpointDetail(view, app, endpointId) {
  const { endpoints } = await app.api('overview');
  const endpoint = endpoints.find((e) => e.id === endpointId);
  if (!endpoint) throw Object.assign(new Error('This endpoint does not exist (any more).'), { status: 404 });
  const state = endpointState(endpoint);
  const rate = h('span', {}, successRate(endpoint.stats));
  const log = createDeliveryLog(app, endpoint, async () => {
    const fresh = (await app.api('overview').catch(() => null))?.endpoints.find((e) => e.id === endpoint.id);
    if (fresh) replace(rate, successRate(fresh.stats));
  });
  const rerender = () => app.navigate(`#/endpoints/${encodeURIComponent(endpoint.id)}`);

  const toggle = h('button', { type: 'button', class: 'btn' }, endpoint.enabled ? 'Disable' : 'Enable');
  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    try {
      await app.api('endpoints.update', { endpointId: endpoint.id, enabled: !endpoint.enabled });
      announce(
        endpoint.enabled ? 'Webhook disabled: nothing is sent until you enable it.' : 'Webhook enabled.',
      );
      rerender();
    } catch (error) {
      toggle.disabled = false;
      announce(error.message, 'error');
    }
  });

  const pending = app.pendingSecrets.get(endpoint.id);
  app.pendingSecrets.delete(endpoint.id); // shown once: a reload or another visit will not show it again
  const secretPanel = pending
    ? secretOncePanel(pending, () => {
        secretPanel.remove();
        announce('The secret is hidden now; only its fingerprint is shown.');
      })
    : null;

  add(
    view,
    h('a', { class: 'back-link', href: '#/' }, '← All endpoints'),
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, endpoint.description || 'Webhook endpoint'),
        h(
          'p',
          { class: 'endpoint-url' },
          h('span', { class: 'method' }, endpoint.method),
          h('span', { class: 'mono' }, endpoint.url),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        stateBadge(endpoint),
        h('a', { class: 'btn', href: `#/endpoints/${encodeURIComponent(endpoint.id)}/edit` }, 'Edit'),
        toggle,
      ),
    ),
    secretPanel,
    state.key === 'enabled'
      ? null
      : h(
          'p',
          { class: state.kind === 'danger' ? 'notice notice-error' : 'notice' },
          state.detail,
          endpoint.disabledReason && state.key === 'breaker' ? ` (${endpoint.disabledReason})` : '',
        ),
    h(
      'div',
      { class: 'detail-grid' },
      overviewCard(app, endpoint, rate),
      signingCard(app, endpoint, rerender),
      testCard(app, endpoint, log),
      recoverCard(app, endpoint, log),
    ),
    log.element,
  );
  await log.refresh();
  if (secretPanel) queueMicrotask(() => secretPanel.focus());
  return () => log.stop();
}

function overviewCard(app, endpoint, rate) {
  const row = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'overview-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'overview-title' }, 'Overview')),
    h(
      'dl',
      { class: 'kv' },
      row('Delivered', rate),
      row('Events', eventsSummary(endpoint, app.catalog)),
      row('Model', h('code', {}, endpoint.model)),
      row('Auth headers', endpoint.headerNames.length ? endpoint.headerNames.join(', ') : 'none'),
      row(
        'Retries',
        endpoint.retryPolicy.preset
          ? `${endpoint.retryPolicy.preset} · up to ${endpoint.retryPolicy.maxAttempts} attempts`
          : `up to ${endpoint.retryPolicy.maxAttempts} attempts`,
      ),
      row('Timeout', `${endpoint.timeoutMs / 1000} s`),
      row('Created', formatDateTime(endpoint.createdAt)),
    ),
  );
}

function testCard(app, endpoint, log) {
  const events = receivedEvents(endpoint, app.catalog);
  const select = h(
    'select',
    { id: 'test-event' },
    events.map((name) => h('option', { value: name }, name)),
  );
  const send = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Send test event');
  const form = h(
    'form',
    { class: 'inline-form' },
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'test-event' }, 'Event'), select),
    send,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    send.disabled = true;
    try {
      const result = await app.api('endpoints.sendTest', { endpointId: endpoint.id, event: select.value });
      announce(
        result.deliveriesSkipped > 0
          ? `Test ${result.event} logged but not sent: delivery is paused for this account.`
          : `Test ${result.event} sent with the contract's example payload. Watch the log below.`,
      );
      await log.watch();
    } catch (error) {
      announce(error.message, 'error');
    } finally {
      send.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'test-title' },
    h(
      'div',
      { class: 'card-head' },
      h(
        'div',
        {},
        h('h2', { id: 'test-title' }, 'Send a test event'),
        h('p', {}, 'The event’s example payload, signed like a real one.'),
      ),
    ),
    endpoint.enabled ? form : h('p', { class: 'muted' }, 'Enable the webhook to send a test event.'),
  );
}

function recoverCard(app, endpoint, log) {
  const since = h('input', {
    type: 'datetime-local',
    id: 'recover-since',
    value: toLocalInputValue(Date.now() - 24 * 3_600_000),
    'aria-describedby': 'recover-hint',
  });
  const run = h('button', { type: 'submit', class: 'btn' }, 'Recover');
  const form = h(
    'form',
    { class: 'inline-form' },
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field-label', for: 'recover-since' }, 'Failed since'),
      since,
    ),
    run,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const from = new Date(since.value).getTime();
    if (!Number.isFinite(from)) return announce('Choose a date and time to recover from.', 'error');
    run.disabled = true;
    try {
      const { requeued } = await app.api('deliveries.recover', { endpointId: endpoint.id, since: from });
      announce(
        requeued === 0
          ? `No failed deliveries since ${formatDateTime(from)}.`
          : `${requeued} failed deliver${requeued === 1 ? 'y' : 'ies'} queued again.`,
      );
      await log.watch();
    } catch (error) {
      announce(error.message, 'error');
    } finally {
      run.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'recover-title' },
    h(
      'div',
      { class: 'card-head' },
      h(
        'div',
        {},
        h('h2', { id: 'recover-title' }, 'Recover failed deliveries'),
        h(
          'p',
          { id: 'recover-hint' },
          'Send every delivery that failed since then again, e.g. after your server was down.',
        ),
      ),
    ),
    form,
  );
}
