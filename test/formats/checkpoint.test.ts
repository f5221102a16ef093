import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { loadCheckpoint, saveCheckpoint } from '../../src/formats/checkpoint.js';
import { Rng } from '../../src/util/random.js';
import { StrnnError } from '../../src/util/errors.js';
import { withTempDir } from '../helpers.js';

const CFG = makeConfig({ T: 4, dS: 6, kS: 3, dT: 5, kT: 2 });

function saved(dir: string) {
  const model = new StrnnModel(CFG, SEED_62, { backend: referenceBackend('float32'), maxBatch: 8 });
  model.initialize(21);
  const normalization = { mean: Float32Array.from({ length: 310 }, (_, i) => i / 10), std: new Float32Array(310).fill(2) };
  saveCheckpoint(join(dir, 'ckpt'), model, { classNames: ['negative', 'neutral', 'positive'], normalization, info: { seed: 21 } });
  return model;
}

/** A saved checkpoint whose model.json can be edited (each edit starts from the saved text) and reloaded. */
function editable(dir: string) {
  saved(dir);
  const ckpt = join(dir, 'ckpt');
  const manifestPath = join(ckpt, 'model.json');
  const original = readFileSync(manifestPath, 'utf8');
  const edit = (f: (m: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form JSON edits
    const m = JSON.parse(original);
    f(m);
    writeFileSync(manifestPath, JSON.stringify(m));
  };
  return { ckpt, edit, load: () => loadCheckpoint(ckpt, referenceBackend('float32')) };
}

test('checkpoint round trip: same parameters, bit-identical predictions, metadata kept', async () => {
  await withTempDir((dir) => {
    const model = saved(dir);
    const loaded = loadCheckpoint(join(dir, 'ckpt'), referenceBackend('float32'), 8);
    assert.deepEqual(loaded.model.params, model.params);
    const rng = new Rng(2);
    const x = Float32Array.from({ length: 5 * 4 * 62 * 5 }, () => rng.normal());
    assert.deepEqual(loaded.model.predict(x, 5), model.predict(x, 5));
    assert.deepEqual(loaded.classNames, ['negative', 'neutral', 'positive']);
    assert.equal(loaded.normalization!.mean[7], Math.fround(0.7));
    assert.deepEqual(loaded.info, { seed: 21 });
    // model.json lists every spec name with shape and byte offset; weights.bin is 4 bytes a weight.
    const manifest = JSON.parse(readFileSync(join(dir, 'ckpt', 'model.json'), 'utf8'));
    assert.equal(manifest.parameters[1].name, 'spatial.tl.W');
    assert.equal(manifest.parameters[1].byteOffset, 6 * 5 * 4);
    assert.equal(readFileSync(join(dir, 'ckpt', 'weights.bin')).length, model.layout.total * 4);
    // Atomic write: nothing but the checkpoint directory is left behind.
    assert.deepEqual(readdirSync(dir), ['ckpt']);
  });
});

test('checkpoint errors: unknown version, missing parameter, wrong shape, short weights', async () => {
  await withTempDir((dir) => {
    const { ckpt, edit, load } = editable(dir);
    edit((m) => (m.version = 7));
    assert.throws(load, /model\.json: unknown checkpoint format version 7 \(this strnn reads version 1\)/);
    edit((m) => (m.parameters = m.parameters.filter((p: { name: string }) => p.name !== 'head.c')));
    assert.throws(load, /model\.json: parameter head\.c is missing/);
    edit((m) => (m.parameters[0].shape = [5, 6]));
    assert.throws(load, /model\.json: parameter spatial\.tl\.U has shape 5 x 6, the config needs 6 x 5/);
    edit(() => {});
    truncateSync(join(ckpt, 'weights.bin'), 100);
    assert.throws(load, /weights\.bin: 100 bytes, model\.json says \d+/);
    assert.throws(() => loadCheckpoint(dir, referenceBackend('float32')), /not a strnn checkpoint \(no model\.json\)/);
  });
});

test('checkpoint carries the feature pipeline record and refuses a malformed one naming the field', async () => {
  await withTempDir((dir) => {
    const model = new StrnnModel(CFG, SEED_62, { backend: referenceBackend('float32'), maxBatch: 8 });
    model.initialize(3);
    const features = {
      version: 1, source: 'computed' as const, channels: SEED_62.nodes.map((n) => n.name), trainingFsHz: [200],
      bands: [{ name: 'alpha', lowHz: 8, highHz: 13 }], windowSec: 1, strideSec: 1, feature: 'de' as const,
      deMethod: 'gaussian' as const, filterOrder: 4, filtering: 'causal' as const, smoothing: 'causal-kalman' as const,
      movingAverageLength: 5, T: 4, sampleStride: 1,
    };
    saveCheckpoint(join(dir, 'ckpt'), model, { classNames: ['a', 'b', 'c'], features });
    assert.deepEqual(loadCheckpoint(join(dir, 'ckpt'), referenceBackend('float32'), 8).features, features);
    const path = join(dir, 'ckpt', 'model.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.features.filtering = 'acausal';
    writeFileSync(path, JSON.stringify(manifest));
    assert.throws(() => loadCheckpoint(join(dir, 'ckpt'), referenceBackend('float32'), 8), /model\.json: features\.filtering: Invalid option/);
  });
});

test('hostile checkpoints: bad normalisation std, dS = 0, weights outside the folder, non-finite weights; saving over foreign files', async () => {
  await withTempDir((dir) => {
    const { ckpt, edit, load } = editable(dir);
    edit((m) => (m.normalization.std[7] = 0));
    assert.throws(load, /model\.json: normalization\.std\[7\] is 0, expected a positive finite number/);
    edit((m) => (m.normalization.std[0] = -2));
    assert.throws(load, /normalization\.std\[0\] is -2/);
    edit((m) => (m.config.dS = 0));
    assert.throws(load, (e: Error) => /^[^\n]*model\.json: config: dS: [^\n]*$/.test(e.message) && e instanceof StrnnError);
    writeFileSync(join(dir, 'secret.bin'), readFileSync(join(ckpt, 'weights.bin')));
    edit((m) => (m.weights.file = '../secret.bin'));
    assert.throws(load, /weights\.file "\.\.\/secret\.bin" is not a file name inside the checkpoint folder/);
    edit(() => {});
    const weights = readFileSync(join(ckpt, 'weights.bin'));
    weights.writeFloatLE(NaN, 40);
    writeFileSync(join(ckpt, 'weights.bin'), weights);
    assert.throws(load, /weights\.bin: parameter spatial\.tl\.U holds a non-finite value \(NaN\) at element 10/);

    // saveCheckpoint itself refuses a folder of someone else's files (the CLI checks earlier too).
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'thesis.tex'), 'keep me');
    const model = new StrnnModel(CFG, SEED_62, { backend: referenceBackend('float32'), maxBatch: 8 });
    model.initialize(1);
    assert.throws(() => saveCheckpoint(join(dir, 'mine'), model, { classNames: ['a', 'b', 'c'] }), /mine: folder is not empty and is not a strnn checkpoint/);
    assert.equal(readFileSync(join(dir, 'mine', 'thesis.tex'), 'utf8'), 'keep me');
  });
});
