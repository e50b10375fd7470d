import { describe, expect, it } from 'vitest';
import { highlightJson } from './components.js';
import { html, prose, raw } from './html.js';
import { relativeHref } from './links.js';

describe('html template tag', () => {
  it('escapes interpolated text but not nested templates', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p title="${name}">${name} ${html`<b>ok</b>`}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <b>ok</b></p>',
    );
  });

  it('joins arrays and drops null, undefined and false', () => {
    expect(html`${['a', raw('<i>b</i>'), null, undefined, false, 3]}`.value).toBe('a<i>b</i>3');
  });

  it('renders backtick spans of contract prose as code, escaped', () => {
    expect(prose('`partial` when a < b').value).toBe('<code>partial</code> when a &lt; b');
  });

  it('colours JSON without changing its text', () => {
    const json = JSON.stringify({ a: '<x>', b: [1, true, null] }, null, 2);
    const coloured = highlightJson(json).value;
    expect(coloured).toContain('<span class="tok-key">&quot;a&quot;</span>:');
    expect(
      coloured
        .replace(/<[^>]+>/g, '')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&quot;', '"'),
    ).toBe(json);
  });
});

describe('relative links', () => {
  it('links between pages at any depth', () => {
    expect(relativeHref('index.html', 'models/m/index.html')).toBe('models/m/index.html');
    expect(relativeHref('models/m/e.html', 'index.html')).toBe('../../index.html');
    expect(relativeHref('models/m/e.html', 'models/n/e.html#changes')).toBe('../n/e.html#changes');
    expect(relativeHref('models/m/e.html', 'models/m/e.html')).toBe('e.html');
  });
});
