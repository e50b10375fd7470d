// Tiny DOM helpers. Text always goes in as text nodes (never innerHTML), so data from the API
// (URLs, response bodies, payloads) can never become markup.

/**
 * h('button', { class: 'btn', onclick: fn, 'aria-expanded': 'false' }, 'Label', child)
 * Props starting with "on" are listeners; `false`/`null`/`undefined` props are left out.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Appends children, skipping null/false (unlike Element.append, which would print "null"). */
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let toastTimer;

/** Says something in the polite live region (screen readers) and shows it as a toast. */
export function announce(message, kind = 'info') {
  const region = document.getElementById('status');
  if (!region) return;
  clearTimeout(toastTimer);
  replace(region, h('div', { class: kind === 'error' ? 'toast toast-error' : 'toast' }, message));
  toastTimer = setTimeout(() => region.replaceChildren(), 6000);
}

/** Moves focus to a view's heading so keyboard and screen-reader users land on the new content. */
export function focusHeading(container) {
  const heading = container.querySelector('h1');
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: false });
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export const formatDateTime = (ms) => dateTime.format(new Date(ms));
export const formatTime = (ms) => timeOnly.format(new Date(ms));

/** "3 min ago", "2 h ago", or the date for older times. */
export function formatAgo(ms, now = Date.now()) {
  const seconds = Math.round((now - ms) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return formatDateTime(ms);
}

/** The value of an <input type="datetime-local"> for a time (local time zone). */
export function toLocalInputValue(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Contract prose uses `backticks` for field names and values: render those as <code>. */
export function prose(text) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? h('code', {}, part) : part));
}

export function prettyJson(value) {
  return JSON.stringify(value, null, 2);
}
