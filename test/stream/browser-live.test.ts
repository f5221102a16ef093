// The live core in a real browser (Debian's chromium via playwright-core): the same scenario module
// (live-scenario.ts: seeded EEG in seeded chunks through LivePipeline, the WebAssembly filter bank
// and model kernels) runs in Chromium, served from this checkout over HTTP on 127.0.0.1, and in
// Node; the features must be bit-identical and the probabilities equal. No Node built-in is needed
// below the sources (browser-safe.test.ts checks the imports; this runs them). The seeded generator
// and det-math give the same bits in both too (the engines' own Math.log, sin, ... do not: Node 20
// and Chromium 156 differ in the last bit on 3-9 % of arguments).
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoPath } from '../helpers.js';
import { liveScenario, seededNumbers, type LiveScenarioResult } from './live-scenario.js';

const ROOT = repoPath();
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };
// zod is the only package the core imports; the page maps its bare name to the installed ESM build.
const PAGE = `<!doctype html><meta charset="utf-8"><title>strnn live core</title>
<script type="importmap">{ "imports": { "zod": "/node_modules/zod/index.js" } }</script><body>strnn</body>`;

let server: Server;
let browser: Browser;
let origin: string;

before(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(ROOT, path));
    if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('Chromium runs the live pipeline and gives Node\'s features bit for bit and Node\'s probabilities', { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${origin}/`);
  const inBrowser = await page.evaluate(async (url) => {
    const m = (await import(url)) as { liveScenario: () => Promise<unknown> };
    return m.liveScenario();
  }, `${origin}/dist/test/stream/live-scenario.js`) as LiveScenarioResult;
  const inNode = await liveScenario();
  assert.deepEqual(errors, []);
  assert.equal(inBrowser.wasm, true, 'the browser ran the WebAssembly kernels');
  assert.ok(inNode.predictions.length > 10);
  assert.deepEqual(inBrowser.features, inNode.features, 'features bit-identical');
  assert.deepEqual(inBrowser.predictions, inNode.predictions, 'the same probabilities');
  await page.close();
});

test('same seed, same numbers: the seeded generator and det-math are bit-identical in Chromium and Node', { timeout: 60_000 }, async (t) => {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const inBrowser = await page.evaluate(async (url) => {
    const m = (await import(url)) as { seededNumbers: () => Record<string, number[]> };
    return m.seededNumbers();
  }, `${origin}/dist/test/stream/live-scenario.js`);
  const inNode = seededNumbers();
  for (const key of Object.keys(inNode)) assert.deepEqual(inBrowser[key], inNode[key], key);
  // Why det-math exists: how many of the same arguments the engines' own Math.log disagree on.
  const xs = inNode.exp!.map((_, i) => 1e-3 + (50 * (i * 0.6180339887498949 % 1)));
  const engineLogs = await page.evaluate((args) => args.map(Math.log), xs);
  t.diagnostic(`Math.log differs between Chromium and Node on ${engineLogs.filter((v, i) => !Object.is(v, Math.log(xs[i]!))).length} of ${xs.length} arguments`);
  await page.close();
});
