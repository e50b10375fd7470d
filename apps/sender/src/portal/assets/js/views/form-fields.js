// The endpoint form's own fields: enable, URL, method, auth headers, name, and (advanced) the
// signing scheme and retry schedule.
import { h, replace } from '../dom.js';
import { parseHeadersJson } from '../headers-json.js';

const SCHEMES = [
  ['standard-webhooks', 'Standard Webhooks signature (recommended)'],
  ['hmac-sha256-hex', 'HMAC-SHA256 hex in X-Taskhooks-Signature (sha256=…)'],
  ['token-hash', 'Token hash header'],
  ['header-auth', 'No signature: the auth headers above authenticate'],
];
const RETRY_PRESETS = [
  ['default', 'Standard: 8 attempts over about 28 hours, 10 s timeout'],
  ['seed-000', 'Once: a single attempt, 10 s timeout'],
  ['seed-002', 'Quick: 5 attempts over about 14 minutes, 3 s timeout'],
  ['seed-003', 'Short: 3 attempts (1 s and 5 s apart), 10 s timeout'],
];
const METHODS = ['POST', 'PUT', 'PATCH'];

/** Which form field a server issue path points at. */
export function fieldOfIssue(path = '') {
  const head = path.split('.')[0];
  if (head === 'url' || head === 'headers' || head === 'events' || head === 'model' || head === 'method')
    return head;
  if (head === 'description') return 'description';
  return null;
}

export function endpointFields(endpoint) {
  const editing = endpoint !== null;
  const errorEl = (id) => h('p', { class: 'field-error', id: `${id}-error` });
  const enabled = h('input', {
    type: 'checkbox',
    id: 'enabled',
    checked: endpoint ? endpoint.enabled : true,
  });
  const url = h('input', {
    type: 'url',
    id: 'url',
    name: 'url',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'https://example.com/hooks/family',
    value: endpoint?.url ?? '',
    'aria-describedby': 'url-hint url-error',
  });
  const methods = METHODS.map((method) =>
    h(
      'label',
      {},
      h('input', {
        type: 'radio',
        name: 'method',
        id: `method-${method}`,
        value: method,
        checked: (endpoint?.method ?? 'POST') === method,
      }),
      method,
    ),
  );
  const headerNames = endpoint?.headerNames ?? [];
  const headers = h('textarea', {
    id: 'headers',
    name: 'headers',
    rows: '3',
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: editing && headerNames.length > 0 ? '(unchanged)' : '{"Authorization":"Bearer …"}',
    'aria-describedby': 'headers-hint headers-error',
  });
  const description = h('input', {
    type: 'text',
    id: 'description',
    maxlength: '500',
    value: endpoint?.description ?? '',
    placeholder: 'e.g. Home Assistant',
    'aria-describedby': 'description-error',
  });
  const scheme = h(
    'select',
    { id: 'scheme', disabled: editing, 'aria-describedby': 'scheme-hint' },
    SCHEMES.map(([value, label]) =>
      h('option', { value, selected: (endpoint?.scheme.scheme ?? 'standard-webhooks') === value }, label),
    ),
  );
  // A schedule set through the API without a preset is offered as it is: choosing a preset
  // replaces it, saving without touching this keeps it.
  const customSchedule = endpoint !== undefined && endpoint !== null && !endpoint.retryPolicy.preset;
  const retry = h(
    'select',
    { id: 'retry' },
    customSchedule
      ? h('option', { value: '', selected: true }, 'Custom schedule (set through the API)')
      : null,
    RETRY_PRESETS.map(([value, label]) =>
      h(
        'option',
        { value, selected: !customSchedule && (endpoint?.retryPolicy.preset ?? 'default') === value },
        label,
      ),
    ),
  );

  const element = h(
    'fieldset',
    { class: 'card' },
    h('legend', {}, 'Webhook'),
    h(
      'div',
      { class: 'field' },
      h(
        'label',
        { class: 'toggle', for: 'enabled' },
        enabled,
        h(
          'span',
          {},
          h('strong', {}, 'Enable the webhook'),
          h('span', {}, 'When it is off nothing is sent; your settings are kept.'),
        ),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'url' }, 'Target URL'),
      url,
      h(
        'p',
        { class: 'hint', id: 'url-hint' },
        'Where the events are sent, e.g. an IFTTT, Node-RED or Zapier webhook URL.',
      ),
      errorEl('url'),
    ),
    h(
      'fieldset',
      { class: 'field', 'aria-describedby': 'method-hint' },
      h('legend', { class: 'field-label' }, 'HTTP method'),
      h('div', { class: 'segmented' }, methods),
      h('p', { class: 'hint', id: 'method-hint' }, 'Usually POST. The payload is always JSON.'),
      errorEl('method'),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'headers' }, 'Auth headers (JSON, optional)'),
      headers,
      h(
        'p',
        { class: 'hint', id: 'headers-hint' },
        editing && headerNames.length > 0
          ? `Set now: ${headerNames.join(', ')}. Leave empty to keep them, enter {} to remove them, or enter new JSON to replace them.`
          : 'Sent with every request, e.g. {"Authorization":"Bearer …"} or {"X-API-Key":"…"}. Stored encrypted and never shown again.',
      ),
      errorEl('headers'),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'description' }, 'Name (optional)'),
      description,
      errorEl('description'),
    ),
  );

  const advanced = h(
    'details',
    { class: 'card advanced' },
    h('summary', {}, 'Signing and retries'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'scheme' }, 'Signature'),
      scheme,
      h(
        'p',
        { class: 'hint', id: 'scheme-hint' },
        editing
          ? 'The signature scheme is chosen when the endpoint is created.'
          : 'How the receiver can check a request came from here. The secret is shown once after saving.',
      ),
    ),
    h('div', { class: 'field' }, h('label', { for: 'retry' }, 'Retries'), retry),
  );

  // Checked as soon as the field is left, so the message appears next to what it is about.
  headers.addEventListener('blur', () => {
    const checked = parseHeadersJson(headers.value);
    replace(element.querySelector('#headers-error'), checked.ok ? '' : checked.message);
    if (checked.ok) headers.removeAttribute('aria-invalid');
    else headers.setAttribute('aria-invalid', 'true');
  });

  return {
    element,
    advanced,
    values: () => ({
      enabled: enabled.checked,
      url: url.value.trim(),
      method:
        methods.map((label) => label.querySelector('input')).find((input) => input.checked)?.value ?? 'POST',
      headersText: headers.value,
      description: description.value.trim(),
      scheme: scheme.value,
      retryPreset: retry.value,
    }),
    setError(field, message) {
      const target = element.querySelector(`#${field}-error`);
      if (!target) return;
      replace(target, message);
      element.querySelector(`#${field}`)?.setAttribute('aria-invalid', 'true');
    },
    clearErrors() {
      for (const el of element.querySelectorAll('.field-error')) el.replaceChildren();
      for (const el of element.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    },
  };
}
