// A face model's report in a real browser (Debian's chromium via playwright-core): the spatial
// salience maps of a CK+ run are heat maps drawn on the mean aligned face (an <image> under the
// cells), non-blank, with no console error and no network request from a page opened from disk.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Browser } from 'playwright-core';
import { writeSyntheticFaces } from '../../src/synthetic/faces.js';
import { runExperiment } from '../../src/protocols/experiment.js';
import { writeReport } from '../../src/report/build-report.js';

let dir: string;
let browser: Browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strnn-face-report-'));
  await writeSyntheticFaces('ckplus', join(dir, 'ck'), { subjects: 10, sequencesPerSubject: 1, seed: 4 });
  await runExperiment({
    dataset: 'ckplus', root: join(dir, 'ck'), protocol: 'face-10fold', load: {}, protocolOptions: {}, bands: ['all'],
    model: { dS: 4, kS: 2, dT: 4, kT: 2 }, train: { epochs: 1, patience: 0 }, valFraction: 0, seed: 1, backend: 'auto', jobs: 1,
    out: join(dir, 'run'), maxNewUnits: 2,
  });
  await writeReport([join(dir, 'run')], { out: join(dir, 'out', 'report.html') });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Distinct colours (4 bits per channel) in a screenshot. */
function colours(png: Buffer): number {
  const img = PNG.sync.read(png), seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) seen.add((img.data[i]! >> 4) * 256 + (img.data[i + 1]! >> 4) * 16 + (img.data[i + 2]! >> 4));
  return seen.size;
}

test('face salience maps are heat maps on the mean face, drawn in the browser without errors or requests', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [], requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && requests.push(r.url()));
  await page.goto(`file://${join(dir, 'out', 'report.html')}`);
  const maps = page.locator('figure[data-figure*="spatial"]');
  const count = await maps.count();
  // projection, input x gradient, integrated gradients, and one integrated-gradients map per class present in the test folds
  assert.ok(count >= 4, `${count} spatial maps`);
  for (let i = 0; i < count; i++) {
    const fig = maps.nth(i);
    const id = await fig.getAttribute('data-figure');
    assert.equal(await fig.locator('svg image').count(), 1, `${id}: the mean face under the cells`);
    const box = await fig.locator('svg image').boundingBox();
    assert.ok(box && box.width > 100 && Math.abs(box.width - box.height) < 2, `${id}: a square face of some size, got ${JSON.stringify(box)}`);
    assert.ok(colours(await fig.locator('.svg').screenshot()) > 40, `${id}: looks flat`);
    assert.doesNotMatch(await fig.innerText(), /bands/, `${id}: a face run has no frequency bands`);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, []);
  await page.close();
});
