// widget.js: cote's search on another site, with one <script> and one element.
//
//   <script src="https://cote.example/static/widget.js" defer></script>
//   <div data-cote-search></div>
//
// Every element with data-cote-search becomes a labelled search box and a
// result list, fed by cote's JSON API (/api/v1/search) on the server the
// script came from (its --base-path included). That server must list the
// page's origin with `cote serve --cors-origin ORIGIN`, or the browser
// refuses the answers. Options, as attributes of the element:
//   data-lang="en"        interface language (default: the page's <html lang>,
//                         English when it starts with "en", else French)
//   data-limit="5"        results shown (1 to 20; default 5)
//   data-query="PNUD"     a first search, run at once
//   data-mode="iframe"    no script work at all: an <iframe> of cote's own
//                         page in embed mode (/?embed=1), framable by the same
//                         --cors-origin origins; data-height sets its height
// Results link to cote's document view at the passage that matched, and the
// symbols to https://undocs.org/fr/SYMBOL. Everything from the server is put
// in the page with textContent, never as HTML. The style sheet
// /static/widget.css is added once; its rules all start with .cote-widget.
(function () {
  'use strict';
  const script = document.currentScript;
  if (!script || !script.src) return;
  const BASE = script.src.replace(/\/static\/widget\.js(?:[?#].*)?$/, '');
  const T = {
    fr: {
      label: 'Rechercher dans les documents de l’ONU', button: 'Rechercher', searching: 'Recherche…',
      none: 'Aucun résultat.', error: 'La recherche n’a pas abouti', all: (n) => `Voir les ${n} résultats sur cote`,
      count: (n) => `${n} résultat${n > 1 ? 's' : ''}`, par: 'par.', note: 'note', frame: 'Recherche cote',
    },
    en: {
      label: 'Search United Nations documents', button: 'Search', searching: 'Searching…',
      none: 'No results.', error: 'The search failed', all: (n) => `See all ${n} results on cote`,
      count: (n) => `${n} result${n > 1 ? 's' : ''}`, par: 'para.', note: 'note', frame: 'cote search',
    },
  };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function addStyle() {
    if (document.querySelector('link[data-cote-widget]')) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = `${BASE}/static/widget.css`;
    link.dataset.coteWidget = '';
    document.head.appendChild(link);
  }

  // The snippet with its matches in <mark>: highlights are [start, end)
  // offsets in code points, which Array.from() counts too.
  function snippet(hit) {
    const p = el('p', 'cote-w-snippet');
    const cps = Array.from(hit.snippet || '');
    let done = 0;
    for (const [a, b] of hit.highlights || []) {
      if (a < done || b <= a || b > cps.length) continue;
      p.append(cps.slice(done, a).join(''));
      p.appendChild(el('mark', '', cps.slice(a, b).join('')));
      done = b;
    }
    p.append(cps.slice(done).join(''));
    return p;
  }

  function fragment(hit) {
    const ps = hit.passage || {};
    if (/^\d+$/.test(ps.label || '') && ps.kind === 'paragraph') return `#par-${ps.label}`;
    if (/^\d+$/.test(ps.label || '') && ps.kind === 'footnote') return `#note-${ps.label}`;
    return Number.isInteger(ps.block) ? `#block-${ps.block}` : '';
  }

  function iframe(root, lang) {
    const f = document.createElement('iframe');
    const q = root.dataset.query ? `&q=${encodeURIComponent(root.dataset.query)}` : '';
    f.src = `${BASE}/?embed=1&lang=${lang}${q}`;
    f.title = T[lang].frame;
    f.className = 'cote-w-frame';
    f.loading = 'lazy';
    f.height = String(Math.min(Math.max(Number(root.dataset.height) || 480, 200), 2000));
    root.appendChild(f);
  }

  let n = 0;
  function mount(root) {
    if (root.dataset.coteReady) return;
    root.dataset.coteReady = '1';
    const docLang = (document.documentElement.lang || '').toLowerCase();
    const lang = root.dataset.lang === 'en' || (!root.dataset.lang && docLang.startsWith('en')) ? 'en' : 'fr';
    const t = T[lang];
    root.classList.add('cote-widget');
    root.lang = lang;
    if (root.dataset.mode === 'iframe') { iframe(root, lang); return; }
    addStyle();
    const limit = Math.min(Math.max(parseInt(root.dataset.limit, 10) || 5, 1), 20);
    const id = `cote-w-${++n}`;

    const form = el('form', 'cote-w-form');
    form.setAttribute('role', 'search');
    const label = el('label', 'cote-w-label', t.label);
    label.htmlFor = `${id}-q`;
    const input = el('input', 'cote-w-input');
    input.type = 'search';
    input.id = `${id}-q`;
    input.name = 'q';
    input.autocomplete = 'off';
    const button = el('button', 'cote-w-button', t.button);
    button.type = 'submit';
    const row = el('div', 'cote-w-row');
    row.append(input, button);
    form.append(label, row);
    const status = el('p', 'cote-w-status');
    status.setAttribute('role', 'status');
    const results = el('ol', 'cote-w-results');
    root.replaceChildren(form, status, results);

    async function search(q) {
      results.replaceChildren();
      if (!q.trim()) { status.textContent = ''; return; }
      status.textContent = t.searching;
      const url = `${BASE}/api/v1/search?q=${encodeURIComponent(q)}&limit=${limit}&lang=${lang}`;
      let j;
      try {
        const r = await fetch(url, { credentials: 'omit', headers: { Accept: 'application/json' } });
        j = await r.json();
        if (!r.ok) throw new Error((j.error && j.error.message) || `HTTP ${r.status}`);
      } catch (e) {
        status.textContent = `${t.error} (${e.message}).`;
        return;
      }
      if (!j.hits.length) { status.textContent = t.none; return; }
      status.textContent = t.count(j.total);
      for (const hit of j.hits) {
        const li = el('li', 'cote-w-hit');
        const h = el('a', 'cote-w-title', hit.title || hit.doc);
        h.href = `${BASE}/doc/${encodeURIComponent(hit.doc)}?q=${encodeURIComponent(q)}&lang=${lang}${fragment(hit)}`;
        const title = el('p', 'cote-w-head');
        title.appendChild(h);
        li.appendChild(title);
        const meta = el('p', 'cote-w-meta');
        for (const s of hit.symbols || []) {
          const a = el('a', 'cote-w-symbol', s);
          a.href = `https://undocs.org/fr/${s.split('/').map(encodeURIComponent).join('/')}`;
          a.hreflang = 'fr';
          meta.append(a, ' ');
        }
        const ps = hit.passage || {};
        if (ps.kind === 'paragraph' && ps.label) meta.append(`${t.par} ${ps.label}`);
        else if (ps.kind === 'footnote' && ps.label) meta.append(`${t.note} ${ps.label}`);
        if (meta.childNodes.length) li.appendChild(meta);
        li.appendChild(snippet(hit));
        results.appendChild(li);
      }
      if (j.total > j.hits.length) {
        const more = el('li', 'cote-w-more');
        const a = el('a', '', t.all(j.total));
        a.href = `${BASE}/?q=${encodeURIComponent(q)}&lang=${lang}`;
        more.appendChild(a);
        results.appendChild(more);
      }
    }

    form.addEventListener('submit', (e) => { e.preventDefault(); search(input.value); });
    if (root.dataset.query) { input.value = root.dataset.query; search(root.dataset.query); }
  }

  function mountAll() { document.querySelectorAll('[data-cote-search]').forEach(mount); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
