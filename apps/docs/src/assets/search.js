// Offline search: loads the prebuilt search-index.json from this site (no other network) and
// ranks events, fields, models and guides as you type. Without JS the box stays hidden.
(() => {
  const root = document.body.dataset.siteRoot || './';
  const box = document.querySelector('[data-search]');
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  if (!box || !input || !list) return;
  // Opened from disk, the browser refuses to fetch the index: no box rather than one that fails.
  if (location.protocol === 'file:') return;
  box.hidden = false;

  let entries = null;
  let loading = null;
  let active = -1;
  const KIND_WEIGHT = { event: 40, model: 30, guide: 20, field: 0 };
  const MAX_RESULTS = 12;

  function load() {
    if (entries) return Promise.resolve(entries);
    loading ??= fetch(`${root}search-index.json`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`search index: HTTP ${r.status}`))))
      .then((index) => {
        entries = index.entries.map((e) => ({
          ...e,
          hay: `${e.t} ${e.m ?? ''} ${e.e ?? ''} ${e.d}`.toLowerCase(),
        }));
        return entries;
      });
    return loading;
  }

  function score(entry, terms, query) {
    const title = entry.t.toLowerCase();
    let total = KIND_WEIGHT[entry.k] ?? 0;
    for (const term of terms) {
      if (!entry.hay.includes(term)) return -1;
      if (title === term) total += 100;
      else if (title.startsWith(term) || title.endsWith(`.${term}`)) total += 60;
      else if (title.includes(term)) total += 35;
      else total += 5;
    }
    if (title === query) total += 150;
    return total - title.length / 100;
  }

  function search(query) {
    const q = query.trim().toLowerCase();
    if (!q || !entries) return [];
    const terms = q.split(/\s+/);
    const ranked = entries
      .map((entry) => ({ entry, s: score(entry, terms, q) }))
      .filter((r) => r.s >= 0)
      .sort((a, b) => b.s - a.s);
    // A field shared by many events of a model (tasks[].id) is one hit, not one per event.
    const groups = new Map();
    for (const { entry } of ranked) {
      const key = entry.k === 'field' ? `field ${entry.m} ${entry.t}` : `${entry.k} ${entry.u}`;
      const group = groups.get(key);
      if (group) group.more += 1 + (entry.x ?? 0);
      else if (groups.size < MAX_RESULTS) groups.set(key, { entry, more: entry.x ?? 0 });
    }
    return [...groups.values()];
  }

  function render(results, query) {
    list.replaceChildren();
    active = -1;
    if (!query.trim()) {
      list.hidden = true;
      return;
    }
    if (results.length === 0) {
      const li = document.createElement('li');
      li.className = 'search-empty';
      li.textContent = `No events or fields match “${query.trim()}”`;
      list.append(li);
    }
    for (const { entry, more } of results) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = root + entry.u;
      a.className = 'search-hit';
      a.dataset.kind = entry.k;
      const title = document.createElement('span');
      title.className = 'search-title';
      title.textContent = entry.t;
      const where = document.createElement('span');
      where.className = `search-kind kind-${entry.k}`;
      const events = more > 0 ? `${entry.e} and ${more} more event${more === 1 ? '' : 's'}` : entry.e;
      where.textContent =
        entry.k === 'field'
          ? `field · ${entry.m} · ${events}`
          : entry.m
            ? `${entry.k} · ${entry.m}`
            : entry.k;
      const text = document.createElement('span');
      text.className = 'search-text';
      text.textContent = entry.d;
      a.append(title, where, text);
      li.append(a);
      list.append(li);
    }
    list.hidden = false;
  }

  function move(step) {
    const links = list.querySelectorAll('a');
    if (links.length === 0) return;
    active = (active + step + links.length) % links.length;
    for (const [i, link] of links.entries()) link.classList.toggle('is-active', i === active);
    links[active].scrollIntoView({ block: 'nearest' });
  }

  input.addEventListener('focus', () => void load().catch(showError));
  input.addEventListener('input', () => {
    const query = input.value;
    load()
      .then(() => {
        if (input.value === query) render(search(query), query);
      })
      .catch(showError);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Escape') {
      list.hidden = true;
      return;
    } else if (event.key === 'Enter') {
      const links = list.querySelectorAll('a');
      const target = links[Math.max(active, 0)];
      if (target) window.location.href = target.href;
    } else return;
    event.preventDefault();
  });
  document.addEventListener('click', (event) => {
    if (!box.contains(event.target)) list.hidden = true;
  });

  function showError(error) {
    list.replaceChildren();
    const li = document.createElement('li');
    li.className = 'search-empty';
    li.textContent = `Search is unavailable: ${error.message}`;
    list.append(li);
    list.hidden = false;
  }
})();
