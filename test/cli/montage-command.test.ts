// `strnn montage show` through the built binary: the grid text, --json, a montage file, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

test('montage show prints the SEED-map grid of a 10-20 cap, renames and drops', async () => {
  await withTempDir((dir) => {
    const r = runCli(['montage', 'show', '--channels', 'Fp1,Fp2,F3,F4,T3,C3,Cz,C4,T4,O1,O2,ECG'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, [
      'montage seed-62-subset: 9 x 9 grid, 11 channels placed, 1 dropped',
      '',
      '-   -   -   Fp1 -   Fp2 -   -   -',
      '-   -   -   -   -   -   -   -   -',
      '-   -   F3  -   -   -   F4  -   -',
      '-   -   -   -   -   -   -   -   -',
      'T3  -   C3  -   Cz  -   C4  -   T4',
      '-   -   -   -   -   -   -   -   -',
      '-   -   -   -   -   -   -   -   -',
      '-   -   -   -   -   -   -   -   -',
      '-   -   -   O1  -   O2  -   -   -',
      '',
      'electrodes: T3 = T7, T4 = T8',
      '',
      'dropped:',
      '  ECG: ECG channel, not EEG',
      '',
    ].join('\n'));
  });
});

test('montage show --json with a montage file; nothing placeable exits 1, no --channels exits 2', async () => {
  await withTempDir((dir) => {
    const file = join(dir, 'cap.json');
    writeFileSync(file, JSON.stringify({ name: 'cap', rows: 1, cols: 2, nodes: [{ name: 'Cz', row: 0, col: 0 }, { name: 'EOG', row: 0, col: 1 }] }));
    const r = runCli(['montage', 'show', '--channels', 'EOG,Cz,Pz', '--montage', file, '--json'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      montage: { name: 'cap', rows: 1, cols: 2, nodes: [{ name: 'EOG', row: 0, col: 1 }, { name: 'Cz', row: 0, col: 0 }] },
      channels: ['EOG', 'Cz'],
      dropped: [{ label: 'Pz', reason: "not in montage 'cap'" }],
    });
    const none = runCli(['montage', 'show', '--channels', 'ECG,EXG1'], dir);
    assert.equal(none.status, 1);
    assert.equal(none.stderr, 'strnn: error: --channels: no channel can be placed on a grid (ECG: ECG channel, not EEG; EXG1: MISC channel, not EEG)\n  hint: give a montage file (--montage FILE.json) that names the channels\n');
    assert.equal(runCli(['montage', 'show'], dir).status, 2);
  });
});
