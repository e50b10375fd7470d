// How an endpoint is doing, in words: its state badge, success rate and what it receives.
import { formatAgo, h } from '../dom.js';

/** enabled / failing / disabled by the circuit breaker (kept failing) / disabled by a person. */
export function endpointState(endpoint) {
  if (!endpoint.enabled) {
    const byBreaker =
      endpoint.failingSince !== null || /every attempt failed/.test(endpoint.disabledReason ?? '');
    return byBreaker
      ? {
          key: 'breaker',
          label: 'Disabled by circuit breaker',
          kind: 'danger',
          detail:
            'Every attempt failed for days, so sending stopped. Fix the receiver, then enable it again.',
        }
      : { key: 'disabled', label: 'Disabled', kind: 'muted', detail: 'Nothing is sent until you enable it.' };
  }
  if (endpoint.failingSince !== null) {
    return {
      key: 'failing',
      label: 'Failing',
      kind: 'warn',
      detail: `Deliveries have been failing since ${formatAgo(endpoint.failingSince)}; they are retried.`,
    };
  }
  return { key: 'enabled', label: 'Enabled', kind: 'ok', detail: 'Events are delivered as they happen.' };
}

export function stateBadge(endpoint) {
  const state = endpointState(endpoint);
  const kind = state.kind === 'muted' ? '' : ` badge-${state.kind}`;
  return h('span', { class: `badge${kind}`, 'data-state': state.key, title: state.detail }, state.label);
}

/**
 * "98% delivered (49 of 50)" with a bar, over the endpoint's newest deliveries (the server reads at
 * most `stats.window`, and says so once it has); "No finished deliveries yet" before anything finished.
 */
export function successRate(stats) {
  const count = (n) => n.toLocaleString('en');
  if (!stats || stats.rate === null) {
    const pending = stats?.pending ? ` · ${count(stats.pending)} on the way` : '';
    return h('span', { class: 'rate', 'data-rate': 'none' }, `No finished deliveries yet${pending}`);
  }
  const percent = Math.round(stats.rate * 1000) / 10;
  const total = stats.succeeded + stats.failed;
  const fill = h('span');
  fill.style.width = `${percent}%`; // CSSOM, not a style attribute: the CSP allows no inline styles
  return h(
    'span',
    { class: 'rate', 'data-rate': String(percent) },
    h('span', { class: 'rate-bar', 'aria-hidden': 'true' }, fill),
    `${percent}% delivered (${count(stats.succeeded)} of ${count(total)})`,
    stats.counted >= stats.window ? ` · last ${count(stats.window)} deliveries` : null,
  );
}

/** "All 7 events of Plan-bound events v2" or "3 events: plan.started, …". */
export function eventsSummary(endpoint, catalog) {
  const model = catalog.find((m) => m.id === endpoint.model);
  const title = model ? `${model.title} (${model.id})` : endpoint.model;
  if (endpoint.events.length === 0) return `All events of ${title}`;
  const count = receivedEvents(endpoint, catalog).length;
  const shown = endpoint.events.slice(0, 3).join(', ');
  const more = endpoint.events.length > 3 ? ` +${endpoint.events.length - 3} more` : '';
  return `${count} event${count === 1 ? '' : 's'}: ${shown}${more}`;
}

/** The events an endpoint receives, expanded from its filter (exact names and prefix.* wildcards). */
export function receivedEvents(endpoint, catalog) {
  const all = catalog.find((m) => m.id === endpoint.model)?.events.map((e) => e.name) ?? [];
  if (endpoint.events.length === 0) return all;
  return all.filter((name) =>
    endpoint.events.some(
      (entry) =>
        entry === '*' || entry === name || (entry.endsWith('.*') && name.startsWith(entry.slice(0, -1))),
    ),
  );
}
