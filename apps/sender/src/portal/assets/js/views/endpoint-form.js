// Add or edit an endpoint: the seed-000 flow (enable, URL, method, auth headers as JSON, save)
// plus the event picker and the signing and retry options.
import { add, announce, h } from '../dom.js';
import { parseHeadersJson } from '../headers-json.js';
import { createEventPicker } from './event-picker.js';
import { endpointFields, fieldOfIssue } from './form-fields.js';

export async function renderEndpointForm(view, app, endpointId) {
  const endpoint = endpointId ? await app.api('endpoints.get', { endpointId }) : null;
  const editing = endpoint !== null;
  const fields = endpointFields(endpoint);
  const picker = createEventPicker(app, { model: endpoint?.model, events: endpoint?.events ?? [] });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });
  const save = h(
    'button',
    { type: 'submit', class: 'btn btn-primary' },
    editing ? 'Save changes' : 'Save webhook',
  );
  const cancelHref = editing ? `#/endpoints/${encodeURIComponent(endpoint.id)}` : '#/';

  const showErrors = (errors) => {
    fields.clearErrors();
    picker.setError('');
    picker.setModelError('');
    if (errors.length === 0) {
      summary.hidden = true;
      return;
    }
    for (const error of errors) {
      if (error.field === 'events') picker.setError(error.message);
      else if (error.field === 'model') picker.setModelError(error.message);
      else if (error.field) fields.setError(error.field, error.message);
    }
    summary.replaceChildren(
      h('strong', {}, errors.length === 1 ? 'Please fix this:' : `Please fix these ${errors.length} things:`),
      h(
        'ul',
        {},
        errors.map((error) =>
          h(
            'li',
            {},
            error.field
              ? h('a', { href: `#${targetOf(error.field)}`, onclick: jumpTo(error.field) }, error.message)
              : error.message,
          ),
        ),
      ),
    );
    summary.dataset.general = String(errors.some((error) => !error.field));
    summary.hidden = false;
    summary.focus();
  };

  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'form-title' },
    summary,
    fields.element,
    picker.element,
    fields.advanced,
    h(
      'div',
      { class: 'form-actions' },
      h('div', { class: 'actions' }, save, h('a', { class: 'btn', href: cancelHref }, 'Cancel')),
      editing ? deleteControl(app, endpoint) : null,
    ),
  );
  // Once every field marked invalid was corrected (checked on leaving it), the summary goes too.
  form.addEventListener('focusout', () =>
    queueMicrotask(() => {
      if (summary.hidden || summary.dataset.general === 'true') return;
      if (!form.querySelector('[aria-invalid="true"]') && !picker.hasError()) summary.hidden = true;
    }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = fields.values();
    const events = picker.value();
    const errors = [];
    if (values.url === '')
      errors.push({ field: 'url', message: 'Enter the target URL, e.g. https://example.com/hooks.' });
    else if (!/^https?:\/\/[^\s]+$/i.test(values.url))
      errors.push({ field: 'url', message: 'The target URL must start with http:// or https://.' });
    const headers =
      values.headersText.trim() === '' && editing
        ? { ok: true, headers: undefined }
        : parseHeadersJson(values.headersText);
    if (!headers.ok) errors.push({ field: 'headers', message: headers.message });
    if (events.none)
      errors.push({
        field: 'events',
        message: 'Choose at least one event, or send every event of the model.',
      });
    if (errors.length > 0) return showErrors(errors);

    const input = {
      url: values.url,
      method: values.method,
      description: values.description,
      model: events.model,
      events: events.events,
      enabled: values.enabled,
      // Only a changed choice: naming a preset again would reset a timeout set through the API.
      ...(values.retryPreset === '' || values.retryPreset === endpoint?.retryPolicy.preset
        ? {}
        : { retry: { preset: values.retryPreset } }),
      ...(headers.headers === undefined ? {} : { headers: headers.headers }),
    };
    save.disabled = true;
    save.textContent = 'Saving…';
    try {
      if (editing) {
        await app.api('endpoints.update', { endpointId: endpoint.id, ...input });
        announce('Changes saved.');
        app.navigate(`#/endpoints/${encodeURIComponent(endpoint.id)}`);
      } else {
        const created = await app.api('endpoints.create', { ...input, scheme: { scheme: values.scheme } });
        if (created.secret)
          app.pendingSecrets.set(created.endpoint.id, { secret: created.secret, reason: 'created' });
        announce('Webhook saved.');
        app.navigate(`#/endpoints/${encodeURIComponent(created.endpoint.id)}`);
      }
    } catch (error) {
      save.disabled = false;
      save.textContent = editing ? 'Save changes' : 'Save webhook';
      const issues = error.issues?.length ? error.issues : [{ path: '', message: error.message }];
      showErrors(issues.map((issue) => ({ field: fieldOfIssue(issue.path), message: messageOf(issue) })));
    }
  });

  add(
    view,
    h('a', { class: 'back-link', href: cancelHref }, editing ? '← Back to the endpoint' : '← All endpoints'),
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', { id: 'form-title' }, editing ? 'Edit webhook' : 'Set up a webhook'),
        h(
          'p',
          {},
          editing
            ? endpoint.url
            : 'Events are sent as JSON to one URL. Each request is signed so the receiver can check it came from here.',
        ),
      ),
    ),
    form,
  );
  return null;
}

function targetOf(field) {
  return field === 'events' ? 'all-events' : field === 'method' ? 'method-POST' : field;
}

function jumpTo(field) {
  return (event) => {
    event.preventDefault();
    document.getElementById(targetOf(field))?.focus();
  };
}

/** Server issues name a field path (`headers.X-Key`, `events.0`, `url`); say which one. */
function messageOf(issue) {
  const header = /^headers\.(.+)$/.exec(issue.path ?? '');
  if (header) return `Auth header "${header[1]}": ${issue.message}`;
  if (issue.path === 'url') return `Target URL: ${issue.message}`;
  return issue.message;
}

function deleteControl(app, endpoint) {
  const confirmBox = h('div', {
    class: 'confirm',
    hidden: true,
    role: 'group',
    'aria-label': 'Confirm delete',
  });
  const open = h(
    'button',
    { type: 'button', class: 'btn btn-danger', 'aria-expanded': 'false' },
    'Delete endpoint',
  );
  open.addEventListener('click', () => {
    confirmBox.hidden = false;
    open.setAttribute('aria-expanded', 'true');
    confirmBox.querySelector('button')?.focus();
  });
  confirmBox.append(
    h('p', {}, 'Delete this endpoint? Pending deliveries are dropped; nothing more is sent to it.'),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-danger',
          onclick: async () => {
            try {
              await app.api('endpoints.delete', { endpointId: endpoint.id });
              announce('Endpoint deleted.');
              app.navigate('#/');
            } catch (error) {
              announce(error.message, 'error');
            }
          },
        },
        'Yes, delete it',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () => {
            confirmBox.hidden = true;
            open.setAttribute('aria-expanded', 'false');
            open.focus();
          },
        },
        'Keep it',
      ),
    ),
  );
  return h('div', {}, open, confirmBox);
}
