// The attempt log: recent deliveries of one endpoint; each opens to its attempts with the request
// as sent (secrets redacted) and the response, and can be sent again.
import { announce, formatAgo, formatDateTime, h, prettyJson, replace } from '../dom.js';

const STATUS = {
  succeeded: ['Delivered', 'badge-ok'],
  failed: ['Failed', 'badge-danger'],
  pending: ['Retrying', 'badge-info'],
  in_flight: ['Sending', 'badge-info'],
  skipped: ['Not sent', ''],
};
const POLL_MS = 1500;
const MAX_POLLS = 40;

/** `onSettled` runs when deliveries that were on their way have all finished (to refresh totals). */
export function createDeliveryLog(app, endpoint, onSettled = () => {}) {
  const expanded = new Set();
  const body = h('tbody');
  const note = h('p', { class: 'hint' });
  let timer = null;
  let polls = 0;
  let stopped = false;
  let wasBusy = false;

  const refreshButton = h('button', { type: 'button', class: 'btn btn-small' }, 'Refresh');
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'log-title' },
    h(
      'div',
      { class: 'card-head' },
      h(
        'div',
        {},
        h('h2', { id: 'log-title' }, 'Delivery log'),
        h('p', {}, 'Every attempt with its request and response.'),
      ),
      refreshButton,
    ),
    h(
      'table',
      { class: 'log-table' },
      h('caption', { class: 'visually-hidden' }, 'Recent deliveries, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['When', 'Event', 'Status', 'HTTP', 'Attempts', ''].map((title) =>
            h('th', { scope: 'col' }, title),
          ),
        ),
      ),
      body,
    ),
    note,
  );

  async function refresh() {
    const page = await app.api('deliveries.list', { endpointId: endpoint.id, limit: 25 });
    if (stopped) return;
    replace(
      body,
      page.items.flatMap((delivery) => rows(delivery)),
    );
    note.textContent = page.items.length === 0 ? 'No deliveries yet. Send a test event to see one here.' : '';
    for (const id of expanded) void loadDetail(id);
    const busy = page.items.some((d) => d.status === 'pending' || d.status === 'in_flight');
    if (wasBusy && !busy) onSettled();
    wasBusy = busy;
    clearTimeout(timer);
    if (busy && polls < MAX_POLLS) {
      polls++;
      timer = setTimeout(() => void refresh().catch(() => {}), POLL_MS);
    }
  }

  function rows(delivery) {
    const [label, kind] = STATUS[delivery.status] ?? [delivery.status, ''];
    const detailId = `delivery-${delivery.id}`;
    const open = expanded.has(delivery.id);
    const toggle = h(
      'button',
      { type: 'button', class: 'btn btn-link', 'aria-expanded': String(open), 'aria-controls': detailId },
      open ? 'Hide' : 'Details',
    );
    toggle.addEventListener('click', () => {
      if (expanded.has(delivery.id)) expanded.delete(delivery.id);
      else expanded.add(delivery.id);
      void refresh();
    });
    const row = h(
      'tr',
      { class: open ? 'expanded' : '', 'data-delivery-id': delivery.id, 'data-status': delivery.status },
      h(
        'td',
        { 'data-col': 'when', title: formatDateTime(delivery.createdAt) },
        formatAgo(delivery.createdAt),
      ),
      h('td', { 'data-col': 'event' }, h('code', {}, delivery.event)),
      h('td', { 'data-col': 'status' }, h('span', { class: `badge ${kind}` }, label)),
      h('td', { 'data-col': 'http' }, statusCode(delivery.lastStatus)),
      h(
        'td',
        { 'data-col': 'attempts' },
        `${delivery.attemptCount} attempt${delivery.attemptCount === 1 ? '' : 's'}`,
      ),
      h('td', { 'data-col': 'actions' }, toggle),
    );
    if (!open) return [row];
    const cell = h(
      'td',
      { class: 'detail-cell', colspan: '6', id: detailId },
      h('p', { class: 'hint' }, 'Loading attempts…'),
    );
    return [row, h('tr', { class: 'detail-row', 'data-detail-for': delivery.id }, cell)];
  }

  async function loadDetail(id) {
    const cell = document.getElementById(`delivery-${id}`);
    if (!cell) return;
    try {
      const delivery = await app.api('deliveries.get', { deliveryId: id });
      replace(cell, detail(delivery));
    } catch (error) {
      replace(cell, h('p', { class: 'field-error' }, error.message));
    }
  }

  function detail(delivery) {
    const redeliver = h('button', { type: 'button', class: 'btn btn-small' }, 'Redeliver');
    redeliver.addEventListener('click', async () => {
      redeliver.disabled = true;
      try {
        await app.api('deliveries.redeliver', { deliveryId: delivery.id });
        announce(`Delivery of ${delivery.event} queued again.`);
        polls = 0;
        await refresh();
      } catch (error) {
        redeliver.disabled = false;
        announce(error.message, 'error');
      }
    });
    const attempts =
      delivery.attempts.length === 0
        ? [h('p', { class: 'hint' }, 'No attempt yet: it is about to be sent.')]
        : delivery.attempts.map((attempt) => attemptView(endpoint, delivery, attempt));
    return h(
      'div',
      {},
      h(
        'div',
        { class: 'actions', style: null },
        redeliver,
        delivery.lastError ? h('span', { class: 'muted' }, delivery.lastError) : null,
      ),
      attempts,
    );
  }

  refreshButton.addEventListener('click', () => {
    polls = 0;
    void refresh().then(() => announce('Delivery log refreshed.'));
  });

  return {
    element,
    refresh,
    /** Keep polling for a while after something was queued (test event, redeliver, recover). */
    watch() {
      polls = 0;
      return refresh();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function statusCode(status) {
  if (status === null || status === undefined) return h('span', { class: 'muted' }, '—');
  return h(
    'span',
    { class: `status-code ${status >= 200 && status < 300 ? 'status-2xx' : 'status-err'}` },
    String(status),
  );
}

function attemptView(endpoint, delivery, attempt) {
  const headers = Object.entries(attempt.requestHeaders)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  return h(
    'article',
    { class: 'attempt', 'data-attempt': String(attempt.attemptNumber) },
    h(
      'div',
      { class: 'attempt-head' },
      h('span', {}, `Attempt ${attempt.attemptNumber}`),
      statusCode(attempt.responseStatus),
      h(
        'span',
        { class: 'muted' },
        `${attempt.durationMs} ms · ${formatDateTime(attempt.startedAt)} · ${attempt.outcome.replace('_', ' ')}`,
      ),
    ),
    h(
      'div',
      { class: 'attempt-cols' },
      h(
        'div',
        {},
        h('p', { class: 'sub-label' }, 'Request'),
        h(
          'pre',
          { class: 'code', tabindex: '0', 'aria-label': 'Request headers' },
          `${endpoint.method} ${endpoint.url}\n${headers}`,
        ),
        h(
          'pre',
          { class: 'code', tabindex: '0', 'aria-label': 'Request body' },
          delivery.payload === null ? '(payload removed by retention)' : prettyJson(delivery.payload),
        ),
      ),
      h(
        'div',
        {},
        h('p', { class: 'sub-label' }, 'Response'),
        attempt.error ? h('p', { class: 'notice notice-error' }, attempt.error) : null,
        h(
          'pre',
          { class: 'code', tabindex: '0', 'aria-label': 'Response body', 'data-testid': 'response-body' },
          attempt.responseStatus === null
            ? '(no response)'
            : `HTTP ${attempt.responseStatus}\n\n${attempt.responseBodyExcerpt ?? ''}`,
        ),
      ),
    ),
  );
}
