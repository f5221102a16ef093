import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { listCkPlusSequences, loadCkPlusTrials } from '../../src/datasets/ckplus.js';
import { writeSyntheticFaces } from '../../src/synthetic/faces.js';

test('ckplus cache: second load hits; a changed config or a touched file misses; cached = computed', async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'ck');
    await writeSyntheticFaces('ckplus', root, { subjects: 3, sequencesPerSubject: 1, frames: [3, 4], seed: 9 });
    const opts = { preprocess: { T: 3 } };
    const first = { hits: 0, misses: 0 };
    const fresh = await loadCkPlusTrials(root, { ...opts, stats: first });
    assert.deepEqual(first, { hits: 0, misses: 3 });
    assert.equal(readdirSync(join(root, '.strnn-cache', 'ckplus')).filter((n) => n.endsWith('.f32')).length, 3);

    const second = { hits: 0, misses: 0 };
    const cached = await loadCkPlusTrials(root, { ...opts, stats: second });
    assert.deepEqual(second, { hits: 3, misses: 0 });
    assert.deepEqual(cached.map((t) => t.data), fresh.map((t) => t.data));
    assert.deepEqual(cached.map((t) => [t.subject, t.label]), fresh.map((t) => [t.subject, t.label]));

    const changed = { hits: 0, misses: 0 };
    await loadCkPlusTrials(root, { preprocess: { T: 3, normalize: 'none' }, stats: changed });
    assert.deepEqual(changed, { hits: 0, misses: 3 });

    // touching one frame of one sequence (same bytes, new mtime) invalidates that sequence only
    const frame = listCkPlusSequences(root)[1]!.frames[0]!;
    utimesSync(frame, new Date(), new Date(Date.now() + 5000));
    const touched = { hits: 0, misses: 0 };
    await loadCkPlusTrials(root, { ...opts, stats: touched });
    assert.deepEqual(touched, { hits: 2, misses: 1 });

    // a user-given cache folder; cache: false never reads or writes one
    const own = join(dir, 'my-cache');
    const s = { hits: 0, misses: 0 };
    await loadCkPlusTrials(root, { ...opts, cache: own, stats: s });
    await loadCkPlusTrials(root, { ...opts, cache: own, stats: s });
    assert.deepEqual(s, { hits: 3, misses: 3 });
    const off = { hits: 0, misses: 0 };
    await loadCkPlusTrials(root, { ...opts, cache: false, stats: off });
    assert.deepEqual(off, { hits: 0, misses: 3 });
  });
});
