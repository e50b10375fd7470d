import type { Deprecation } from '@taskhooks/contracts';
import { escapeHtml, html, prose, raw, type SafeHtml } from './html.js';

export function deprecationBadge(deprecation: Deprecation | undefined): SafeHtml {
  if (!deprecation) return html``;
  const sunset = deprecation.sunset ? `, sunset ${deprecation.sunset}` : '';
  return html`<span class="badge badge-deprecated" title="Deprecated since ${deprecation.deprecatedSince}${sunset}">deprecated</span>`;
}

export function deprecationNotice(deprecation: Deprecation | undefined, subject: string): SafeHtml {
  if (!deprecation) return html``;
  return html`<div class="callout callout-warning" role="note"><strong>Deprecated</strong> since ${deprecation.deprecatedSince}${
    deprecation.sunset
      ? html`; senders stop emitting ${subject} after <strong>${deprecation.sunset}</strong>`
      : ''
  }.${deprecation.replacement ? html` ${prose(deprecation.replacement)}` : ''}</div>`;
}

export function codeBlock(code: string, language: string, caption?: string): SafeHtml {
  const body = language === 'json' ? highlightJson(code) : highlightCode(code, language);
  return html`<figure class="code">${caption ? html`<figcaption>${caption}</figcaption>` : ''}<pre class="lang-${language}"><code>${body}</code></pre></figure>`;
}

/** JSON colouring at build time, so pages need no JS for it. */
export function highlightJson(code: string): SafeHtml {
  const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let out = '';
  let last = 0;
  for (const match of code.matchAll(token)) {
    out += escapeHtml(code.slice(last, match.index));
    const [text, string, colon, keyword, number] = match;
    if (string !== undefined)
      out += colon
        ? `<span class="tok-key">${escapeHtml(string)}</span>${escapeHtml(colon)}`
        : `<span class="tok-str">${escapeHtml(string)}</span>`;
    else if (keyword !== undefined) out += `<span class="tok-kw">${keyword}</span>`;
    else if (number !== undefined) out += `<span class="tok-num">${number}</span>`;
    else out += escapeHtml(text);
    last = (match.index ?? 0) + text.length;
  }
  return raw(out + escapeHtml(code.slice(last)));
}

/** Comments and strings only: enough to make snippets readable without a highlighter library. */
function highlightCode(code: string, language: string): SafeHtml {
  const comment =
    language === 'python' || language === 'bash' ? '#[^\\n]*' : '\\/\\/[^\\n]*|\\/\\*[\\s\\S]*?\\*\\/';
  const pattern = new RegExp(
    `(${comment})|("(?:\\\\.|[^"\\\\\\n])*"|'(?:\\\\.|[^'\\\\\\n])*'|\`(?:\\\\.|[^\`\\\\])*\`)`,
    'g',
  );
  let out = '';
  let last = 0;
  for (const match of code.matchAll(pattern)) {
    out += escapeHtml(code.slice(last, match.index));
    const cls = match[1] !== undefined ? 'tok-comment' : 'tok-str';
    out += `<span class="${cls}">${escapeHtml(match[0])}</span>`;
    last = (match.index ?? 0) + match[0].length;
  }
  return raw(out + escapeHtml(code.slice(last)));
}

export function valueChips(values: unknown[]): SafeHtml {
  return html`${values.map((v) => html`<code class="chip">${typeof v === 'string' ? v : JSON.stringify(v)}</code> `)}`;
}

export function yesNo(value: boolean, yes = 'yes', no = 'no'): SafeHtml {
  return value
    ? html`<span class="flag flag-yes">${yes}</span>`
    : html`<span class="flag flag-no">${no}</span>`;
}
