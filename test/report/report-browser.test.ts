// strnn report in a real browser (Debian's chromium driven by playwright-core; .ci/run installs it):
// two runs side by side, one of them incomplete. The page loads from disk with no console errors
// and no network request, every figure is present and non-blank (pixels of its screenshot), every
// table number equals results.json, the incomplete run says so, and every figure exists as SVG and
// PNG under figures/.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Browser } from 'playwright-core';
import { writeSyntheticDataset } from '../../src/synthetic/tree.js';
import { runExperiment, type ExperimentConfig, type ExperimentReport } from '../../src/protocols/experiment.js';
import { writeReport } from '../../src/report/build-report.js';

let dir: string;
let browser: Browser;
let reports: ExperimentReport[];
const html = () => join(dir, 'out', 'report.html');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strnn-report-'));
  writeSyntheticDataset('seed', join(dir, 'SEED'), { subjects: 2, durationScale: 0.06, seed: 2 });
  const config: ExperimentConfig = {
    dataset: 'seed', root: join(dir, 'SEED'), protocol: 'seed-sd', load: { feature: 'de_LDS', sessions: [1] }, protocolOptions: { sessions: [1] },
    bands: ['all', 'gamma'], model: { dS: 4, kS: 3, dT: 4, kT: 2 }, train: { epochs: 2 }, valFraction: 0.2, seed: 5, backend: 'auto', jobs: 1,
  };
  reports = [
    await runExperiment({ ...config, out: join(dir, 'complete') }),
    await runExperiment({ ...config, bands: ['all'], seed: 6, out: join(dir, 'partial'), maxNewUnits: 1 }),
  ];
  await writeReport([join(dir, 'complete'), join(dir, 'partial')], { out: html() });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Share of pixels that are not (near) white, and the number of distinct colours. */
function inked(png: Buffer): { share: number; colours: number } {
  const img = PNG.sync.read(png);
  let ink = 0;
  const colours = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) {
    const [r, g, b] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    if (r < 235 || g < 235 || b < 235) ink++;
    colours.add((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4));
  }
  return { share: ink / (img.width * img.height), colours: colours.size };
}

test('the report opens from disk with no console error or network request; every figure is drawn', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && requests.push(r.url()));
  await page.goto(`file://${html()}`);
  const figures = page.locator('figure[data-figure]');
  const count = await figures.count();
  // complete run: bars, 3 per band selection x 2, 'all' salience (3 maps + 5 bands + 3 classes + temporal), gamma (2 maps + temporal)
  // partial run: bars, 3 for 'all', 'all' salience (12).
  assert.equal(count, 1 + 6 + 12 + 3 + 1 + 3 + 12);
  for (let i = 0; i < count; i++) {
    const fig = figures.nth(i);
    const id = await fig.getAttribute('data-figure');
    const shot = await fig.locator('.svg').screenshot();
    const { share, colours } = inked(shot);
    assert.ok(share > 0.03 && colours > 8, `figure ${id} looks blank: ${(100 * share).toFixed(1)} % inked, ${colours} colours`);
    for (const ext of ['svg', 'png']) assert.ok(existsSync(join(dir, 'out', 'figures', `${id}.${ext}`)), `${id}.${ext} missing`);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, []);
  await page.close();
});

test('table numbers equal results.json; the incomplete run says so; the runs are compared side by side', async () => {
  const page = await browser.newPage();
  await page.goto(`file://${html()}`);
  const tables = page.locator('table.bands');
  assert.equal(await tables.count(), 2);
  for (const [i, r] of reports.entries()) {
    const saved = JSON.parse(readFileSync(join(dir, i === 0 ? 'complete' : 'partial', 'results.json'), 'utf8')) as ExperimentReport;
    for (const row of saved.table) {
      const tr = tables.nth(i).locator(`tr[data-bands="${row.bands}"]`);
      const pct = (x: number) => (100 * x).toFixed(2);
      assert.equal(await tr.locator('[data-field=accuracy]').textContent(), `${pct(row.accuracy.mean)} ± ${pct(row.accuracy.std)}`);
      assert.equal(await tr.locator('[data-field=macroF1]').textContent(), `${pct(row.macroF1.mean)} ± ${pct(row.macroF1.std)}`);
      assert.equal(Number(await tr.locator('[data-field=accuracy]').getAttribute('data-mean')), row.accuracy.mean);
      assert.equal(Number(await tr.locator('[data-field=units]').textContent()), row.units);
      assert.equal(await tr.locator('[data-field=chance]').textContent(), pct(1 / saved.classNames.length));
    }
    assert.equal(saved.complete, r.complete);
  }
  assert.equal(await page.locator('.incomplete').count(), 1);
  assert.match((await page.locator('.incomplete').textContent())!, /1 of 2 units finished/);
  assert.equal(await page.locator('table.compare tbody tr').count(), 2, 'bands all and gamma compared across the two runs');
  const columns = await page.locator('section.run').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  assert.ok(columns[1]! > columns[0]!, 'the second run sits beside the first');
  await page.close();
});
