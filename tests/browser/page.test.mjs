// T200: cote's web pages in headless Chromium (playwright-core, no bundled
// browser). Starts `cote serve` on a free loopback port over the index that
// run.sh built, then, as a person would: searches "coopération Sud-Sud" with
// the form, checks the hits and their <mark>s, refines by an organisation
// facet and checks the filter applies and can be removed, opens a document at
// a hit's passage and checks the anchor and the marked words, and looks at
// the results on a phone-sized screen; then switches the interface to
// English, takes a completion from the search box's autocomplete, and opens
// web/examples/intranet.html from another origin (a second small server) to
// search with the embeddable widget and see the embed-mode iframe. Any
// console error, page error or failed request fails the test. Screenshots go to $COTE_BROWSER_ARTIFACTS
// (default: build/tests/browser-artifacts).
//
// Environment (from run.sh): COTE, COTE_DB, COTE_TEST_TMP, COTE_BROWSER_ARTIFACTS.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';

const COTE = process.env.COTE;
const DB = process.env.COTE_DB;
const TMP = process.env.COTE_TEST_TMP;
const ART = process.env.COTE_BROWSER_ARTIFACTS;
for (const [k, v] of Object.entries({ COTE, COTE_DB: DB, COTE_TEST_TMP: TMP, COTE_BROWSER_ARTIFACTS: ART }))
  if (!v) { console.error(`not ok - ${k} must be set (run tests/browser/run.sh)`); process.exit(2); }
mkdirSync(ART, { recursive: true });

let passed = 0;
function ok(what) { passed++; console.log(`ok ${passed} - ${what}`); }

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function waitHealthy(base, server) {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`cote serve exited with status ${server.exitCode}`);
    try { const r = await fetch(`${base}/healthz`); if (r.ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('cote serve did not answer /healthz within 10 s');
}

const port = await freePort();
const BASE = `http://127.0.0.1:${port}`;
// The intranet page comes from another origin, which cote must allow.
const intranetPort = await freePort();
const INTRANET = `http://127.0.0.1:${intranetPort}`;
const example = readFileSync(new URL('../../web/examples/intranet.html', import.meta.url), 'utf8')
  .replaceAll('http://127.0.0.1:8080', BASE);
const intranet = http.createServer((req, res) => {
  if (req.url === '/intranet.html') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(example);
  } else {
    res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end(); // the browser asks for an icon
  }
});
await new Promise((r) => intranet.listen(intranetPort, '127.0.0.1', r));
const serverLog = [];
const server = spawn(COTE, ['serve', '--db', DB, '--listen', `127.0.0.1:${port}`, '--threads', '2',
  '--cors-origin', INTRANET], { stdio: ['ignore', 'pipe', 'pipe'] });
server.stdout.on('data', (d) => serverLog.push(String(d)));
server.stderr.on('data', (d) => serverLog.push(String(d)));
const profile = mkdtempSync(path.join(TMP, 'chromium-profile-'));
let browser;
const problems = []; // console errors, page errors, failed requests

async function main() {
  await waitHealthy(BASE, server);
  ok(`cote serve answers on ${BASE}`);
  // A fresh profile (--user-data-dir) is what launchPersistentContext takes.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
  });
  const context = browser;
  // Only our own server is reachable: undocs.org links are checked, never followed.
  await context.route((url) => !url.href.startsWith(BASE) && !url.href.startsWith(INTRANET),
    (route) => route.abort());
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(BASE)) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.url().startsWith(BASE) && r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });

  // --- the home page and its form ---
  await page.goto(`${BASE}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr', 'the page is in French');
  assert.equal(await page.locator('label[for="q"]').count(), 1, 'the search box has a label');
  assert.equal(await page.locator('label[for="from"]').count(), 1, 'the period has labels');
  ok('home page: lang="fr", labelled search box and period');

  // --- search with the form ---
  await page.fill('#q', 'coopération Sud-Sud');
  await Promise.all([page.waitForURL(/[?&]q=/), page.press('#q', 'Enter')]);
  const hits = page.locator('ol.results > li.hit');
  const nHits = await hits.count();
  assert.ok(nHits > 0, 'the search has hits');
  assert.ok(await page.locator('li.hit .snippet mark').count() > 0, 'snippets mark the matches');
  const firstMark = (await page.locator('li.hit .snippet mark').first().innerText()).toLowerCase();
  assert.match(firstMark, /coop|sud/, `a <mark> holds a query word (got "${firstMark}")`);
  assert.ok(await page.locator('li.hit .passage a').count() === nHits, 'every hit names its passage');
  const undocs = await page.locator('li.hit a.symbol').first().getAttribute('href');
  assert.match(undocs, /^https:\/\/undocs\.org\/fr\//, 'symbols link to undocs.org');
  ok(`search "coopération Sud-Sud": ${nHits} hits, marked snippets, passages, undocs.org links`);
  await page.screenshot({ path: path.join(ART, '01-results.png'), fullPage: true });

  // --- refine by an organisation facet ---
  // The first organisation that not every hit has, so the refinement shows.
  const values = page.locator('.facet[data-facet="org"] > ul > li > a');
  let facet = values.first();
  for (let i = 0; i < await values.count(); i++) {
    const n = Number((await values.nth(i).locator('.n').innerText()).replace(/\D+/g, ''));
    if (n < nHits) { facet = values.nth(i); break; }
  }
  const label = (await facet.locator('.label').innerText()).trim();
  const count = Number((await facet.locator('.n').innerText()).replace(/\D+/g, ''));
  const href = await facet.getAttribute('href');
  assert.match(href, /[?&]org=/, 'a facet value adds org=');
  assert.match(href, /q=coop%C3%A9ration/, 'a facet value keeps q');
  await Promise.all([page.waitForURL(/[?&]org=/), facet.click()]);
  const chip = page.locator('.active a.chip');
  assert.equal(await chip.count(), 1, 'one active filter is shown');
  assert.ok((await chip.innerText()).includes(label), `the active filter names "${label}"`);
  assert.equal(await page.locator('.facet[data-facet="org"] a.on').count(), 1, 'the facet value is shown as active');
  const total = Number((await page.locator('p.count').innerText()).match(/^\d+/)[0]);
  assert.equal(total, count, `the refined search has the facet's count (${count}) of hits`);
  assert.equal(await page.inputValue('#q'), 'coopération Sud-Sud', 'the query stays in the box');
  ok(`facet "${label}" (${count}) refines the search to ${total} hits and shows as an active filter`);
  await page.screenshot({ path: path.join(ART, '02-facet.png'), fullPage: true });

  // The filter is removable; a year facet sets from and to.
  await Promise.all([page.waitForURL((u) => !u.search.includes('org=')), chip.click()]);
  assert.equal(await page.locator('.active').count(), 0, 'removing the filter leaves none');
  assert.equal(await hits.count(), nHits, 'and brings back every hit');
  const year = page.locator('.facet[data-facet="year"] li a').first();
  if (await year.count()) {
    await Promise.all([page.waitForURL(/from=\d{4}&to=\d{4}/), year.click()]);
    assert.match(await page.inputValue('#from'), /^\d{4}$/, 'a year facet fills the period');
    ok('the filter can be removed; a year facet sets from= and to=');
  } else {
    ok('the filter can be removed');
  }

  // --- open a document at a hit's passage ---
  await page.goto(`${BASE}/?q=${encodeURIComponent('coopération Sud-Sud')}`);
  const passage = page.locator('li.hit .passage a').first();
  const phref = await passage.getAttribute('href');
  const frag = phref.split('#')[1];
  assert.match(frag, /^(par|note|block)-\d+$/, 'the passage link has a fragment');
  await Promise.all([page.waitForURL(/\/doc\//), passage.click()]);
  assert.equal(new URL(page.url()).hash, `#${frag}`, 'the document opens at the passage');
  const target = page.locator(`[id="${frag}"]`);
  assert.equal(await target.count(), 1, `the document has id="${frag}"`);
  assert.ok(await target.evaluate((el) => el.matches(':target')), 'the passage is the :target');
  assert.ok(await target.isVisible(), 'the passage is visible');
  assert.ok(await page.locator('.doc-text mark').count() > 0, 'the document marks the query words');
  ok(`document opens at #${frag} with the query's words marked`);
  await page.screenshot({ path: path.join(ART, '03-document.png') });

  // Seed 001 (A/75/371) at paragraph 9: anchor, marks, entity links.
  await page.goto(`${BASE}/doc/A/75/371?q=${encodeURIComponent('coopération Sud-Sud')}#par-9`);
  const par9 = page.locator('#par-9');
  assert.match(await par9.innerText(), /^9\.\s/, 'id="par-9" is paragraph 9');
  assert.ok(await par9.locator('mark').count() > 0, 'paragraph 9 has marked words');
  const ent = par9.locator('a.ent-org').first();
  assert.match(await ent.getAttribute('href'), /^\/\?q=org%3A/, 'organisations link to a search');
  assert.match(await page.locator('dl.meta a.symbol').first().getAttribute('href'), /undocs\.org\/fr\/A\/75\/371$/);
  ok('/doc/A/75/371#par-9: paragraph 9, marks, entity links, undocs.org link');
  await page.screenshot({ path: path.join(ART, '04-document-par-9.png') });
  await Promise.all([page.waitForURL(/q=org%3A/), ent.click()]);
  assert.ok(await hits.count() > 0, 'an entity link finds documents');
  ok('an organisation link in the text searches it');

  // --- no results, and a phone-sized screen ---
  await page.goto(`${BASE}/?q=zzzyxwvqq`);
  assert.match(await page.locator('main h1').first().innerText(), /Aucun résultat/);
  ok('no results: a page that says so and helps');
  await page.screenshot({ path: path.join(ART, '05-no-results.png') });
  const mobile = await context.newPage();
  await mobile.setViewportSize({ width: 375, height: 740 });
  mobile.on('console', (m) => { if (m.type() === 'error') problems.push(`console error (phone): ${m.text()}`); });
  mobile.on('pageerror', (e) => problems.push(`page error (phone): ${e.message}`));
  await mobile.goto(`${BASE}/?q=${encodeURIComponent('coopération Sud-Sud')}`);
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling on a phone (${overflow}px too wide)`);
  ok('results fit a 375 px wide screen');
  await mobile.screenshot({ path: path.join(ART, '06-phone-results.png'), fullPage: true });
  await mobile.goto(`${BASE}/doc/A/75/371#par-9`);
  await mobile.screenshot({ path: path.join(ART, '07-phone-document.png') });

  // --- keyboard: focus is visible ---
  await page.goto(`${BASE}/`);
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(skip, 'Aller au contenu', 'the first Tab reaches the skip link');
  ok('the first Tab reaches the skip link');

  // --- English ---
  await page.goto(`${BASE}/?q=${encodeURIComponent('coopération Sud-Sud')}`);
  await Promise.all([page.waitForURL(/lang=en/), page.click('p.lang a[hreflang="en"]')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the switch gives an English page');
  assert.equal((await page.locator('label[for="q"]').innerText()).trim(), 'Search');
  assert.match(await page.locator('p.count').innerText(), /^\d+ results? — 1 to \d+/);
  assert.equal(await page.inputValue('#q'), 'coopération Sud-Sud', 'the query stays');
  const enFacet = page.locator('.facet[data-facet="org"] li a').first();
  assert.match(await enFacet.getAttribute('href'), /lang=en/, 'links keep the language');
  await Promise.all([page.waitForURL(/org=/), enFacet.click()]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'a facet click stays in English');
  ok('the English switch: English labels, counts and links that keep lang=en');
  await page.screenshot({ path: path.join(ART, '08-english.png'), fullPage: true, timeout: 90000 });

  // --- autocomplete (app.js) ---
  await page.goto(`${BASE}/`);
  await page.click('#q');
  await page.keyboard.type('paix pn');
  const option = page.locator('#q-suggestions [role="option"]').first();
  await option.waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true', 'the combobox says it is open');
  assert.equal((await option.locator('.text').innerText()).trim(), 'PNUD', 'PNUD is offered for "pn"');
  await page.screenshot({ path: path.join(ART, '09-autocomplete.png'), timeout: 90000 });
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#q', 'aria-activedescendant'), 'q-opt-0', 'Down selects the first option');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#q'), 'paix PNUD ', 'Enter replaces the word being typed');
  assert.equal(await page.locator('#q-suggestions').isHidden(), true, 'and closes the list');
  await Promise.all([page.waitForURL(/q=paix/), page.keyboard.press('Enter')]);
  assert.ok(await hits.count() > 0, 'the completed query finds documents');
  ok('autocomplete: "pn" offers PNUD; keyboard selection completes the word; the search runs');

  // --- the intranet example: widget and iframe from another origin ---
  const intra = await context.newPage();
  intra.on('console', (m) => { if (m.type() === 'error') problems.push(`console error (intranet): ${m.text()}`); });
  intra.on('pageerror', (e) => problems.push(`page error (intranet): ${e.message}`));
  await intra.goto(`${INTRANET}/intranet.html`);
  const w = intra.locator('[data-cote-search]');
  const wInput = w.locator('input[type="search"]');
  await wInput.waitFor({ state: 'visible', timeout: 10000 });
  const wLabel = await wInput.getAttribute('id');
  assert.equal(await w.locator(`label[for="${wLabel}"]`).count(), 1, 'the widget labels its box');
  await wInput.fill('coopération Sud-Sud');
  await wInput.press('Enter');
  const wHits = w.locator('li.cote-w-hit');
  await wHits.first().waitFor({ state: 'visible', timeout: 10000 });
  assert.ok(await w.locator('li.cote-w-hit mark').count() > 0, 'widget snippets mark the matches');
  const wHref = await w.locator('a.cote-w-title').first().getAttribute('href');
  assert.ok(wHref.startsWith(`${BASE}/doc/`), `widget results link to cote's document view (${wHref})`);
  const frame = intra.frameLocator('iframe[title="Recherche cote"]');
  await frame.locator('body.embed #q').waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await frame.locator('header .brand').count(), 0, 'the iframe shows the bare embed page');
  await frame.locator('#q').fill('PNUD');
  await frame.locator('#q').press('Enter');
  await frame.locator('li.hit').first().waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await frame.locator('li.hit h2 a').first().getAttribute('target'), '_blank',
    'embedded results open documents outside the frame');
  ok(`intranet example from ${INTRANET}: the widget searches through CORS; the embed iframe searches`);
  await intra.screenshot({ path: path.join(ART, '10-intranet-widget.png'), fullPage: true, timeout: 90000 });

  assert.deepEqual(problems, [], `console errors, page errors or failed requests:\n  ${problems.join('\n  ')}`);
  ok('no console error, page error or failed request');
}

let status = 0;
try {
  await main();
  console.log(`# ${passed} passed; screenshots in ${ART}`);
} catch (e) {
  status = 1;
  console.log(`not ok ${passed + 1} - ${e.message}`);
  if (e.stack) console.log(e.stack.split('\n').slice(1, 4).map((l) => `  # ${l.trim()}`).join('\n'));
  if (problems.length) console.log(`  # also: ${problems.join('; ')}`);
  console.log(`  # server output: ${serverLog.join('').slice(-800)}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  intranet.close();
  server.kill('SIGTERM');
  await new Promise((r) => { if (server.exitCode !== null) r(); else server.on('exit', r); setTimeout(r, 20000); });
  rmSync(profile, { recursive: true, force: true });
}
// A clean stop: status 0 and no sanitizer report (LeakSanitizer runs at exit).
const log = serverLog.join('');
if (server.exitCode !== 0 || /ERROR: (Address|Leak)Sanitizer|runtime error/.test(log)) {
  console.log(`not ok - cote serve stops cleanly on SIGTERM (status ${server.exitCode})`);
  console.log(`  # ${log.slice(-1500).split('\n').join('\n  # ')}`);
  status = 1;
} else if (status === 0) {
  console.log(`ok ${passed + 1} - cote serve stops cleanly on SIGTERM`);
}
process.exit(status);
