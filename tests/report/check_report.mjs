// Opens a run's index.html in headless Chromium (Debian's package, driven by playwright-core) and
// checks what a planner sees: the page loads without console errors or failed requests, every
// image is decoded, every link points at a file of the run (nothing on the network), the TOR
// ranking (every site, inside and outside the radius) sorts on a click on its header, both
// ways, and its filters show only the rows they choose; the headings are the plan's Italian.
//
//   node tests/report/check_report.mjs OUT/index.html
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') fail(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`script error: ${e.message}`));
  page.on('requestfailed', (r) => fail(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:'))
      fail(`network request from a self-contained page: ${r.url()}`);
  });

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
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log('report OK');
