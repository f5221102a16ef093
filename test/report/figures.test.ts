// Which spatial figure a model gets: a scalp topomap for 10-10 electrode names, the heat map on the
// mean face for a face-patch grid, a grid heat map otherwise; the face map reassembles the patches
// (src/face/patches.ts layout) into the crop; scoped ids keep inlined SVGs apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { gridMontage } from '../../src/montage/montage.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { faceMapSvg, isPatchGrid } from '../../src/report/face-map.js';
import { salienceFigures, type SalienceInput } from '../../src/report/salience-figures.js';
import { scopeSvgIds } from '../../src/report/render.js';

function input(montage: typeof SEED_62, dIn: number): SalienceInput {
  const N = montage.nodes.length;
  return {
    nodes: montage.nodes.map((n) => n.name), features: Array.from({ length: dIn }, (_, i) => `f${i}`), classNames: ['a', 'b'], montage,
    projection: { node: Array.from({ length: N }, (_, i) => i), time: [1, 2, 3] }, meanInput: Array.from({ length: N * dIn }, (_, i) => i % 7),
  };
}

test('spatial figures: topomap for SEED names, face map for a patch grid, grid heat map otherwise', () => {
  const [seed] = salienceFigures(input(SEED_62, 5), '', 'x', true);
  assert.ok('svg' in seed! && seed.svg.includes('clipPath') && seed.svg.includes('FPZ'), 'topomap with head clip and labels');
  assert.ok(isPatchGrid(gridMontage(8, 8), 64));
  assert.ok(!isPatchGrid(SEED_62, 5));
  const [face] = salienceFigures(input(gridMontage(8, 8), 64), '', 'x', true);
  assert.ok('svg' in face! && (face.svg.match(/<rect x=/g) ?? []).length === 64 + 1, 'one tinted cell per patch (and the colour bar)');
  const [grid] = salienceFigures(input(gridMontage(3, 4), 2), '', 'x', true);
  assert.ok('spec' in grid!);
});

test('face map: the mean face is reassembled patch by patch into the crop', () => {
  // 2 x 2 patches of 2 x 2 px; patch n holds value n in all its pixels except a bright top-left pixel.
  const montage = gridMontage(2, 2);
  const meanInput = [0, 1, 2, 3].flatMap((n) => [9, n, n, n]);
  const svg = faceMapSvg(montage, meanInput, [0, 1, 2, 3], { title: 't', unit: 'u' });
  const uri = /href="data:image\/png;base64,([^"]+)"/.exec(svg)![1]!;
  const img = PNG.sync.read(Buffer.from(uri, 'base64'));
  assert.equal(img.width, 4);
  const gray = (x: number, y: number) => img.data[4 * (y * 4 + x)]!;
  assert.equal(gray(0, 0), 255, 'top-left pixel of patch 0 is the brightest value');
  assert.equal(gray(1, 1), 0, 'rest of patch 0 is the darkest');
  assert.ok(gray(3, 3) > gray(1, 3) && gray(1, 3) > gray(3, 1) && gray(3, 1) > gray(1, 1), 'patch order 0 1 / 2 3');
});

test('scoped ids: every id and reference gets the prefix', () => {
  const out = scopeSvgIds('<clipPath id="c1"/><g clip-path="url(#c1)"/><use href="#c1"/>', 'fig');
  assert.equal(out, '<clipPath id="fig-c1"/><g clip-path="url(#fig-c1)"/><use href="#fig-c1"/>');
});
