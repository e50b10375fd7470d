// The start page: the tenant's endpoints with state and success rate, or how to set one up.
import { add, h } from '../dom.js';
import { eventsSummary, stateBadge, successRate } from './endpoint-state.js';

export async function renderEndpointList(view, app) {
  const { tenant, endpoints } = await app.api('overview');
  const tenantName = document.getElementById('tenant-name');
  if (tenantName && tenant?.name) tenantName.textContent = tenant.name;

  const head = h(
    'div',
    { class: 'page-head' },
    h(
      'div',
      {},
      h('h1', {}, 'Webhook endpoints'),
      h('p', {}, 'Send plan, submission and task events to IFTTT, Node-RED, Zapier or your own server.'),
    ),
    endpoints.length > 0 ? h('a', { class: 'btn btn-primary', href: '#/new' }, '+ Add endpoint') : null,
  );
  if (tenant?.entitlement === 'expired') {
    add(
      view,
      head,
      h(
        'p',
        { class: 'notice', role: 'note' },
        'Webhook delivery is paused because the subscription is not active. Your settings are kept; events are sent again once it is.',
      ),
    );
  } else add(view, head);

  if (endpoints.length === 0) {
    add(
      view,
      h(
        'section',
        { class: 'card empty', 'aria-labelledby': 'empty-title' },
        h('h2', { id: 'empty-title' }, 'No webhook yet'),
        h(
          'p',
          {},
          'Set up one endpoint and every supported event is sent to it as JSON, signed, retried and logged.',
        ),
        h('a', { class: 'btn btn-primary', href: '#/new' }, 'Set up a webhook'),
      ),
    );
    return null;
  }

  add(
    view,
    h(
      'ul',
      { class: 'endpoint-list', 'aria-label': 'Endpoints' },
      endpoints.map((endpoint) =>
        h(
          'li',
          { class: 'card endpoint-item', 'data-endpoint-id': endpoint.id },
          h(
            'div',
            { class: 'endpoint-url' },
            h('span', { class: 'method' }, endpoint.method),
            h('a', { href: `#/endpoints/${encodeURIComponent(endpoint.id)}` }, endpoint.url),
          ),
          stateBadge(endpoint),
          h(
            'div',
            { class: 'endpoint-meta' },
            successRate(endpoint.stats),
            h('span', {}, eventsSummary(endpoint, app.catalog)),
            endpoint.description ? h('span', {}, endpoint.description) : null,
          ),
        ),
      ),
    ),
  );
  return null;
}
