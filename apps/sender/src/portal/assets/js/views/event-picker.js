// Which events an endpoint receives: the model's events grouped under the model, each with its
// description, and its JSON Schema and example payload on demand (fetched when opened).
import { h, prettyJson, prose, replace } from '../dom.js';

export function createEventPicker(app, { model, events }) {
  const initialModel = app.catalog.some((m) => m.id === model) ? model : app.catalog[0]?.id;
  const modelSelect = h(
    'select',
    { id: 'model', name: 'model', 'aria-describedby': 'model-hint model-error' },
    app.catalog.map((m) =>
      h(
        'option',
        { value: m.id, selected: m.id === initialModel },
        `${m.title} (${m.id})${m.deprecated ? ' — deprecated' : ''}`,
      ),
    ),
  );
  const modelHint = h('p', { class: 'hint', id: 'model-hint' });
  const allEvents = h('input', {
    type: 'checkbox',
    id: 'all-events',
    checked: events.length === 0,
    'aria-describedby': 'all-events-hint',
  });
  const group = h('div', { class: 'event-group', role: 'group', 'aria-labelledby': 'events-title' });
  const error = h('p', { class: 'field-error', id: 'events-error' });

  const render = (selected) => {
    const current = app.catalog.find((m) => m.id === modelSelect.value);
    if (!current) return;
    replace(modelHint, prose(current.description));
    replace(
      group,
      h(
        'div',
        { class: 'event-group-head' },
        h('h3', { id: 'events-title' }, `Events of ${current.title}`),
        h('p', {}, `${current.events.length} events · payload model ${current.id}`),
      ),
      current.events.map((event) =>
        eventRow(app, current.id, event, selected.includes(event.name), allEvents.checked),
      ),
    );
  };
  const checkboxes = () => [...group.querySelectorAll('input[name="event"]')];
  group.addEventListener('change', () => {
    error.textContent = '';
  });
  allEvents.addEventListener('change', () => {
    error.textContent = '';
    for (const box of checkboxes()) {
      box.disabled = allEvents.checked;
      if (allEvents.checked) box.checked = true;
    }
  });
  modelSelect.addEventListener('change', () => {
    allEvents.checked = true;
    render([]);
  });
  render(events);

  const element = h(
    'fieldset',
    { class: 'card' },
    h('legend', {}, 'Events'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'model' }, 'Payload model'),
      modelSelect,
      modelHint,
      h('p', { class: 'field-error', id: 'model-error' }),
    ),
    h(
      'div',
      { class: 'field' },
      h(
        'label',
        { class: 'toggle', for: 'all-events' },
        allEvents,
        h(
          'span',
          {},
          h('strong', {}, 'Send every event of this model'),
          h('span', { id: 'all-events-hint' }, 'New events added to the model later are sent too.'),
        ),
      ),
    ),
    group,
    error,
  );

  return {
    element,
    focusTarget: allEvents,
    value() {
      const chosen = allEvents.checked
        ? []
        : checkboxes()
            .filter((b) => b.checked)
            .map((b) => b.value);
      return { model: modelSelect.value, events: chosen, none: !allEvents.checked && chosen.length === 0 };
    },
    setError(message) {
      error.textContent = message;
    },
    hasError: () => error.textContent !== '' || modelSelect.getAttribute('aria-invalid') === 'true',
    setModelError(message) {
      replace(element.querySelector('#model-error'), message);
      modelSelect.setAttribute('aria-invalid', message ? 'true' : 'false');
    },
  };
}

function eventRow(app, model, event, checked, all) {
  const id = `event-${model}-${event.name}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const details = h('details', {}, h('summary', {}, 'Schema and example'));
  const body = h('div', {}, h('p', { class: 'hint' }, 'Loading…'));
  details.append(body);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    try {
      const { schema, example } = await app.api('catalog.event', { model, event: event.name });
      replace(
        body,
        h('p', { class: 'sub-label' }, 'Example payload'),
        h(
          'pre',
          { class: 'code', tabindex: '0', 'aria-label': `Example payload of ${event.name}` },
          prettyJson(example),
        ),
        h('p', { class: 'sub-label' }, 'JSON Schema'),
        h(
          'pre',
          { class: 'code', tabindex: '0', 'aria-label': `JSON Schema of ${event.name}` },
          prettyJson(schema),
        ),
      );
    } catch (error) {
      loaded = false;
      replace(body, h('p', { class: 'field-error' }, error.message));
    }
  });
  return h(
    'div',
    { class: 'event-row', 'data-event': event.name },
    h(
      'label',
      { for: id },
      h('input', {
        type: 'checkbox',
        id,
        name: 'event',
        value: event.name,
        checked: all || checked,
        disabled: all,
      }),
      h(
        'span',
        {},
        h('span', { class: 'event-name' }, event.name),
        event.deprecated ? h('span', { class: 'badge badge-warn badge-plain' }, ' deprecated') : null,
        h('span', { class: 'event-desc' }, prose(event.description)),
      ),
    ),
    details,
  );
}
