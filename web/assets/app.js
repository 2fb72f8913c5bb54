// app.js: what JavaScript adds to cote's pages, which all work without it.
//
// Autocomplete on the search box (#q): as a person types, the last word of
// the query is sent to the completion API (the URL is in <body
// data-complete>, so it follows --base-path) and the organisations, symbols
// and frequent words that start with it are offered in a listbox under the
// box. It follows the ARIA 1.2 combobox pattern: the input keeps the focus,
// Down/Up move through the options (aria-activedescendant), Enter or a click
// takes one, Escape closes the list; a live region says how many there are.
// Taking an option replaces only the word being typed, so "paix ET pn"
// becomes "paix ET PNUD ".
//
// Loaded with `defer` from /static (the Content-Security-Policy allows no
// inline script); builds its elements with the DOM, never from HTML strings.
(function () {
  'use strict';
  const input = document.getElementById('q');
  const api = document.body && document.body.dataset.complete;
  if (!input || !api || !window.fetch) return;
  const lang = document.body.dataset.lang === 'en' ? 'en' : 'fr';
  const T = {
    fr: { org: 'organisation', symbol: 'cote', term: 'mot', label: 'Suggestions', count: (n) => `${n} suggestion${n > 1 ? 's' : ''} ; flèches haut et bas pour choisir` },
    en: { org: 'organization', symbol: 'symbol', term: 'word', label: 'Suggestions', count: (n) => `${n} suggestion${n > 1 ? 's' : ''}; use up and down arrows to choose` },
  }[lang];

  const list = document.createElement('ul');
  list.id = 'q-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', T.label);
  list.hidden = true;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  const row = input.closest('.row') || input;
  row.classList.add('has-suggestions');
  row.appendChild(list);
  row.after(status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  let items = [];
  let active = -1;
  let timer = 0;
  let asked = 0; // only the answer to the latest request is shown

  // The word being typed: after the last space, without the quote,
  // parenthesis or sign that may open it.
  function current() {
    const v = input.value;
    const m = v.match(/([("+-]*)([^\s("+-][^\s]*)$/);
    if (!m) return null;
    return { start: v.length - m[2].length, text: m[2] };
  }

  function close() {
    list.hidden = true;
    list.replaceChildren();
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function highlight(i) {
    active = i;
    list.querySelectorAll('[role="option"]').forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `q-opt-${i}`);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(i) {
    const c = current();
    const s = items[i];
    if (!c || !s) return;
    input.value = input.value.slice(0, c.start) + s.text + ' ';
    close();
    input.focus();
  }

  function show(suggestions) {
    close();
    items = suggestions;
    if (!items.length) { status.textContent = ''; return; }
    items.forEach((s, i) => {
      const li = document.createElement('li');
      li.id = `q-opt-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.kind = s.kind;
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = s.text;
      li.appendChild(text);
      if (s.label && s.label !== s.text) {
        const label = document.createElement('span');
        label.className = 'label';
        label.textContent = s.label;
        li.appendChild(label);
      }
      const kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = T[s.kind] || s.kind;
      li.appendChild(kind);
      // mousedown, not click: the input must not lose the focus first
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = T.count(items.length);
  }

  async function update() {
    const c = current();
    if (!c || c.text.length < 2 || c.text.includes(':')) { close(); return; }
    const mine = ++asked;
    try {
      const r = await fetch(`${api}?q=${encodeURIComponent(c.text)}&limit=8&lang=${lang}`, { credentials: 'omit' });
      if (!r.ok || mine !== asked) return;
      const j = await r.json();
      if (mine === asked && document.activeElement === input) show(j.suggestions || []);
    } catch {
      close(); // completion is a help: a failure leaves the plain box
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight((active + 1) % items.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
    else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
    else if (e.key === 'Escape') { e.preventDefault(); close(); }
    else if (e.key === 'Tab') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
})();
