// Opens a run's index.html in headless Chromium (Debian's package, driven by playwright-core) and
// checks what a planner sees: the page loads without console errors or failed requests, every
// image is decoded, every link points at a file of the run (nothing on the network), the TOR
// ranking (every site, inside and outside the radius) sorts on a click on its header, both
// ways, and its filters show only the rows they choose; the headings are the plan's Italian.
// Then the interactive map the report links to (mappa.html), offline: it loads in under 2 s with
// its data under 10 MB, draws (a region over Torino is not blank), a click on the first site of
// the ranking opens a popup with the CSV's score and components, a layer switched off takes its
// features away, choosing a zone zooms to it, and the ranking's filter filters the map.
//
//   node tests/report/check_report.mjs OUT/index.html [--screenshot FILE.png]
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const page_path = process.argv[2];
if (!page_path || !existsSync(page_path)) {
  console.error(`usage: check_report.mjs OUT/index.html (not found: ${page_path})`);
  process.exit(2);
}

const failures = [];
const fail = (message) => failures.push(message);

// A fresh profile, and no background traffic: this machine has no network beyond localhost.
const profile = mkdtempSync(join(tmpdir(), 'atlante-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// Every console error, script error, failed request and request off the disk is a failure.
const watched = async () => {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') fail(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`script error: ${e.message}`));
  page.on('requestfailed', (r) => fail(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:'))
      fail(`network request from a self-contained page: ${r.url()}`);
  });
  return page;
};
try {
  const page = await watched();

  const url = pathToFileURL(resolve(page_path)).href;
  await page.goto(url, { waitUntil: 'load' });

  // Images: all decoded (naturalWidth 0 means broken).
  const images = await page.$$eval('img', (all) =>
    all.map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })));
  if (images.length === 0) fail('the report shows no map previews');
  for (const i of images) if (!i.ok) fail(`image does not load: ${i.src}`);

  // Links: each resolves to an existing file next to the page.
  const links = await page.$$eval('a[href]', (all) => all.map((a) => a.href));
  if (links.length === 0) fail('the report has no links');
  for (const href of links) {
    if (!href.startsWith('file:')) { fail(`link leaves the outputs folder: ${href}`); continue; }
    const target = fileURLToPath(href.split('#')[0]);
    if (!existsSync(target)) fail(`link to a missing file: ${target}`);
  }

  // The ranking table sorts on a click: numbers as numbers (Italian decimal comma).
  const table = '#tor_ranking';
  if (!(await page.$(table))) fail('no TOR ranking table');
  else {
    const header = await page.$$eval(`${table} thead th`, (ths) => ths.map((t) => t.textContent));
    const column = header.indexOf('punteggio');
    if (column < 0) fail(`the ranking has no score column (punteggio): ${header.join(', ')}`);
    else {
      // Sites outside the radius have no score: they stay last whichever way it sorts.
      const values = () => page.$$eval(`${table} tbody tr`, (rows, c) =>
        rows.map((r) => parseFloat(r.cells[c].textContent.replace(/\./g, '').replace(',', '.'))),
        column);
      const before = await values();
      const scored = (v) => v.filter((x) => !Number.isNaN(x));
      if (scored(before).length < 2) fail('the ranking has fewer than two scored rows');
      if (scored(before).length === before.length) fail('the ranking shows only the sites inside');
      const th = page.locator(`${table} thead th`).nth(column);
      await th.click();
      const ascending = await values();
      await th.click();
      const descending = await values();
      const sorted = (v, sign) => v.every((x, k) => k === 0 || sign * (x - v[k - 1]) >= 0);
      const tail_empty = (v) => v.slice(scored(v).length).every((x) => Number.isNaN(x));
      if (!sorted(scored(ascending), 1) || !tail_empty(ascending))
        fail(`score not ascending after one click: ${ascending.slice(0, 5)}`);
      if (!sorted(scored(descending), -1) || !tail_empty(descending))
        fail(`score not descending after two clicks: ${descending.slice(0, 5)}`);
      if (ascending.length !== before.length) fail('sorting lost rows');
      if (ascending[0] === before[0] && before[0] !== scored(before).at(-1))
        fail('the first click did not reorder the ranking (it is ranked by score, descending)');
      console.log(`sorted ${ascending.length} rows by score: ${ascending[0]} .. ${descending[0]}`);
    }
    // Filters: "entro il raggio TOR" = 1 shows exactly the scored rows; a zone, only its rows.
    const shown = () => page.$$eval(`${table} tbody tr`, (rows) =>
      rows.filter((r) => r.style.display !== 'none').map((r) => [...r.cells].map((c) => c.textContent)));
    const in_tor = header.indexOf('entro il raggio TOR (1 sì, 0 no)');
    const zone = header.indexOf('zona omogenea');
    const filter = (c) => page.locator(`select.filter[data-table="tor_ranking"][data-column="${c}"]`);
    if (in_tor < 0 || zone < 0 || (await filter(in_tor).count()) !== 1 || (await filter(zone).count()) !== 1)
      fail('the ranking has no filters by TOR and zone');
    else {
      const all = (await shown()).length;
      await filter(in_tor).selectOption('1');
      const inside = await shown();
      if (inside.length === 0 || inside.length === all || inside.some((r) => r[in_tor] !== '1'))
        fail(`the TOR filter shows ${inside.length} of ${all} rows`);
      await filter(in_tor).selectOption('');
      const zones = await filter(zone).locator('option').allTextContents();
      await filter(zone).selectOption({ label: zones[1] });
      const of_zone = await shown();
      if (of_zone.length === 0 || of_zone.some((r) => r[zone] !== zones[1]))
        fail(`the zone filter shows rows of other zones`);
      await filter(zone).selectOption('');
      if ((await shown()).length !== all) fail('clearing the filters does not show every row');
      console.log(`filters: ${inside.length} of ${all} sites in TOR, ${of_zone.length} in ${zones[1]}`);
    }
  }
  // The plan's Italian, not the columns' names.
  const text = await page.textContent('body');
  for (const english of ['inhabitants_per_service', 'services_per_10000', 'density_per_km2'])
    if (text.includes(english)) fail(`the report shows a column name, not its title: ${english}`);
  console.log(`${images.length} images and ${links.length} links checked`);
  const map_link = links.find((href) => href.split('#')[0].endsWith('/mappa.html'));
  if (!map_link) fail('the report does not link the interactive map (mappa.html)');
  else await check_map_page(await watched(), fileURLToPath(map_link));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log('report OK');

// The ranking's rows as a spreadsheet would read them (the run's CSV, RFC 4180, no quoted
// newlines in these columns).
function ranking_rows(run) {
  const lines = readFileSync(join(run, 'tor', 'brownfields_ranked.csv'), 'utf8').trim().split('\n');
  const split = (line) => {
    const cells = [];
    let cell = '', quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) { cells.push(cell); cell = ''; }
      else cell += ch;
    }
    cells.push(cell);
    return cells;
  };
  const header = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v])));
}

async function check_map_page(page, file) {
  const run = dirname(file);
  const data = join(run, 'mappa', 'dati');
  const bytes = readdirSync(data).reduce((sum, f) => sum + statSync(join(data, f)).size, 0);
  if (bytes >= 10e6) fail(`the map's data take ${(bytes / 1e6).toFixed(1)} MB (at most 10)`);
  const started = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-pronta="1"]', { timeout: 10000 });
  const seconds = (Date.now() - started) / 1000;
  if (seconds >= 2) fail(`the map page took ${seconds.toFixed(2)} s to load (at most 2)`);
  console.log(`map page: loaded in ${seconds.toFixed(2)} s, data ${(bytes / 1e6).toFixed(1)} MB`);

  // It draws: features in the map, and a region over Torino that differs from an empty map.
  const paths = await page.locator('#mappa path').count();
  if (paths < 100) fail(`the map draws only ${paths} features`);
  const torino = await page.evaluate(() => {
    const p = window.atlanteMap.latLngToContainerPoint([45.07, 7.68]);
    const box = document.getElementById('mappa').getBoundingClientRect();
    return { x: box.x + p.x - 60, y: box.y + p.y - 60, width: 120, height: 120 };
  });
  const drawn = await page.screenshot({ clip: torino });
  const boxes = page.locator('#livelli input[type=checkbox]');
  const checked = [];
  for (let i = 0; i < await boxes.count(); ++i) if (await boxes.nth(i).isChecked()) checked.push(i);
  for (const i of checked) await boxes.nth(i).uncheck();
  const empty = await page.screenshot({ clip: torino });
  if (drawn.equals(empty) || drawn.length < empty.length * 1.5)
    fail(`the region over Torino looks blank (${drawn.length} vs ${empty.length} bytes of PNG)`);
  for (const i of checked) await boxes.nth(i).check();

  // Switching a layer off takes its features away (the TOR discs).
  const discs = page.locator('#livelli .livello', { hasText: 'raggio' }).first();
  const pane = await discs.locator('input').getAttribute('data-layer');
  const in_pane = () => page.locator(`.leaflet-${pane}-pane path`).count();
  const before = await in_pane();
  await discs.locator('input').uncheck();
  const after = await in_pane();
  if (before === 0 || after !== 0) fail(`switching off the discs: ${before} then ${after} features`);
  await discs.locator('input').check();
  console.log(`map page: ${paths} features drawn; the discs' layer ${before} -> ${after} -> on`);

  // The first site of the ranking: a click opens its popup with the CSV's numbers.
  const rows = ranking_rows(run);
  const first = rows.find((r) => r.rank === '1');
  const it = (v, d) => new Intl.NumberFormat('it-IT', { minimumFractionDigits: d, maximumFractionDigits: d })
    .format(parseFloat(v));
  const cls = 'sito-' + first.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const site = page.locator(`path.${cls}`);
  if ((await site.count()) !== 1) fail(`site ${first.id} is not drawn once`);
  else {
    // Zoomed in on the site first, as a planner would, so that it is big enough to click.
    await page.evaluate((id) => {
      const layer = window.atlanteSites[id].layer;
      const bounds = layer.getBounds ? layer.getBounds() : L.latLngBounds([layer.getLatLng()]);
      window.atlanteMap.fitBounds(bounds, { maxZoom: 15, animate: false });
    }, first.id);
    await site.click({ force: true });
    const popup = page.locator(`.leaflet-popup-content .popup[data-site="${first.id}"]`);
    await popup.waitFor({ timeout: 3000 }).catch(() => fail(`no popup for ${first.id} after a click`));
    const text = (await popup.count()) ? await popup.textContent() : '';
    for (const [what, value] of [['score', it(first.score, 3)], ['proximity', it(first.c_proximity, 3)],
                                 ['service', it(first.c_service, 3)], ['area', it(first.c_area, 3)],
                                 ['class', it(first.c_class, 3)], ['station', first.nearest_station]])
      if (!text.includes(value)) fail(`the popup of ${first.id} lacks its ${what} ${value}: ${text}`);
    if (!text.includes('riga nella classifica')) fail('the popup does not link its row');
    console.log(`map page: ${first.id} popup: score ${it(first.score, 3)}, components as in the CSV`);
  }

  // Choosing a zone zooms to it.
  const zone = 'Chivassese';
  await page.locator('#luoghi').selectOption('');
  const whole = await page.evaluate(() => window.atlanteMap.getBounds().toBBoxString());
  await page.locator('#luoghi').selectOption({ label: zone });
  const zoomed = await page.evaluate(() => window.atlanteMap.getBounds().toBBoxString());
  const area = (b) => { const [w, s, e, n] = b.split(',').map(Number); return (e - w) * (n - s); };
  if (!(area(zoomed) < area(whole) / 4)) fail(`choosing ${zone} did not zoom in (${whole} -> ${zoomed})`);

  // The table's filter filters the map: inside TOR only.
  await page.locator('#luoghi').selectOption('');
  const drawn_sites = () => page.locator('path.sito').count();
  const all = await drawn_sites();
  await page.locator('select.filtro[data-field="in_tor"]').selectOption('1');
  const inside = await drawn_sites();
  const want = rows.filter((r) => r.in_tor === '1').length;
  if (inside !== want || all !== rows.length)
    fail(`the TOR filter: ${all} sites drawn of ${rows.length}, then ${inside} (want ${want})`);
  const shown_rows = await page.locator('#classifica-siti tbody tr:visible').count();
  if (shown_rows !== want) fail(`the TOR filter shows ${shown_rows} rows (want ${want})`);
  await page.locator('select.filtro[data-field="in_tor"]').selectOption('');
  console.log(`map page: zone ${zone} zoomed; the TOR filter draws ${inside} of ${all} sites`);

  const shot = process.argv.indexOf('--screenshot');
  if (shot > 0) {
    // The README's picture: the city of Torino with the first site's popup open.
    await page.locator('#luoghi').selectOption({ label: 'Torino' });
    await page.evaluate((id) => window.atlanteSites[id].layer.openPopup(), first.id);
    await page.waitForTimeout(400);  // the popup's pan
    await page.screenshot({ path: process.argv[shot + 1] });
  }
}
