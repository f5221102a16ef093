// The feature cache of recording datasets: a second load reads every trial's features from
// <root>/.strnn-cache/recordings/ and gives the same trials bit for bit; another pipeline or changed
// samples miss; cache: false writes nothing; a folder that cannot be written only turns caching off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRecordingDataset } from '../../src/datasets/recording-features.js';
import { codeFingerprint, type CacheStats } from '../../src/util/value-cache.js';
import { repoPath, withTempDir } from '../helpers.js';

const BIDS = repoPath('test', 'fixtures', 'recordings', 'bids');

function load(dir: string, extra: Parameters<typeof loadRecordingDataset>[1] = {}) {
  const stats: CacheStats = { hits: 0, misses: 0 };
  const loaded = loadRecordingDataset(dir, { labelColumn: 'emotion', T: 4, cacheStats: stats, ...extra });
  return { loaded, stats };
}

test('a second load reads the cached features: the same trials, one hit per trial', async () => {
  await withTempDir((dir) => {
    cpSync(BIDS, join(dir, 'bids'), { recursive: true, filter: (p) => !p.includes('.strnn-cache') });
    const root = join(dir, 'bids');
    const first = load(root);
    assert.deepEqual(first.stats, { hits: 0, misses: 18 });
    assert.equal(readdirSync(join(root, '.strnn-cache', 'recordings')).length, 18);
    const second = load(root);
    assert.deepEqual(second.stats, { hits: 18, misses: 0 });
    assert.deepEqual(second.loaded.trials, first.loaded.trials);
    assert.deepEqual(second.loaded.pipeline, first.loaded.pipeline);
    // Another pipeline (bands) and the causal pipeline are other keys.
    assert.deepEqual(load(root, { bands: 'alpha:8-13,beta:14-30' }).stats, { hits: 0, misses: 18 });
    assert.deepEqual(load(root, { causal: true }).stats, { hits: 0, misses: 18 });
  });
});

test('changed samples miss (the key hashes the samples themselves); cache: false writes nothing', async () => {
  await withTempDir((dir) => {
    cpSync(BIDS, join(dir, 'bids'), { recursive: true, filter: (p) => !p.includes('.strnn-cache') });
    const root = join(dir, 'bids');
    load(root);
    // Change 100 samples of Fp2 at 35 s in sub-03's EDF (9 channels, 1-s records of 128 16-bit
    // samples, inside the 32-40 s trial): that trial misses, the others hit.
    const edf = join(root, 'sub-03', 'eeg', 'sub-03_task-emotion_eeg.edf');
    const bytes = readFileSync(edf);
    const at = 256 * 10 + 35 * 9 * 256 + 256;
    for (let i = at; i < at + 200; i += 2) bytes[i] = (bytes[i]! + 7) & 0xff;
    writeFileSync(edf, bytes);
    const after = load(root);
    assert.deepEqual(after.stats, { hits: 17, misses: 1 });
    const fresh = join(dir, 'fresh');
    cpSync(BIDS, fresh, { recursive: true, filter: (p) => !p.includes('.strnn-cache') });
    assert.deepEqual(load(fresh, { cache: false }).stats, { hits: 0, misses: 0 });
    assert.ok(!existsSync(join(fresh, '.strnn-cache')));
  });
});

test('a cache folder that cannot be written (here a file stands in its place) only turns caching off', async () => {
  await withTempDir((dir) => {
    cpSync(BIDS, join(dir, 'bids'), { recursive: true, filter: (p) => !p.includes('.strnn-cache') });
    const root = join(dir, 'bids');
    writeFileSync(join(root, '.strnn-cache'), 'not a folder\n'); // as a read-only dataset would refuse, even to root
    const { loaded, stats } = load(root);
    assert.equal(loaded.trials.length, 18);
    assert.deepEqual(stats, { hits: 0, misses: 1 }, 'the first write fails and turns caching off for the rest of the load');
  });
});

test('the key follows strnn\'s code: the fingerprint of a code folder changes with any .js file in it, not with other files', async () => {
  await withTempDir((dir) => {
    mkdirSync(join(dir, 'signal', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'signal', 'a.js'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'signal', 'deep', 'b.js'), 'export const b = 2;\n');
    const first = codeFingerprint(['signal', 'absent'], dir);
    // Fingerprints are kept per process and root; other spellings of the same root read the files again.
    writeFileSync(join(dir, 'signal', 'notes.md'), 'not code\n');
    assert.equal(codeFingerprint(['signal', 'absent'], `${dir}/`), first, 'other files do not count');
    writeFileSync(join(dir, 'signal', 'deep', 'b.js'), 'export const b = 3;\n');
    assert.notEqual(codeFingerprint(['signal', 'absent'], `${dir}//`), first, 'a changed .js file does');
    assert.equal(codeFingerprint(['signal', 'absent'], dir), first, 'and within one process the first reading stands');
  });
});
