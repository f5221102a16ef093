// `strnn live` on a terminal (a real pseudo-terminal from util-linux `script`): one live line
// rewritten in place per prediction (carriage return + erase), with the time, the class, every
// probability and the stream's health; notes and the final summary clear it first, so no line is
// left half-overwritten. The same run through a pipe prints one plain line per prediction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { withTempDir } from '../helpers.js';
import { CHANNELS, CLASSES, FS, T, liveFixture } from './live-fixture.js';
import { CLI, runCli } from './run-cli.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
// Terminal codes: carriage return + erase line (what the live display writes), and any escape.
const REWRITE = '\r\u001b[K', ESC = '\u001b';

test('on a terminal: one live line per prediction, rewritten in place, with class, probabilities and stream health', { skip: existsSync('/usr/bin/script') ? false : 'needs util-linux script for a pseudo-terminal', timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const { npy, model } = await liveFixture(dir);
    const args = ['live', '--model', model, '--source', `file:${npy}`, '--channels', CHANNELS.join(','), '--srate', String(FS), '--speed', 'max'];
    const command = [process.execPath, CLI, ...args].map(quote).join(' ');
    // script gives the child a terminal for stdout and stderr and copies what it shows to our pipe.
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 100_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const shown = r.stdout.replace(/\r\n/g, '\n');
    const lines = shown.split(REWRITE).slice(1).map((part) => part.split(/[\r\n]/)[0]!).filter((l) => l.startsWith('t '));
    assert.equal(lines.length, 30 - T + 1, 'one rewrite per prediction');
    for (const line of lines) {
      assert.match(line, new RegExp(`^t +\\d+\\.\\d s  (${CLASSES.join('|')}) +${CLASSES.map((c) => `${c} \\d\\.\\d\\d`).join('  ')} \\| ${FS} Hz 4/4 ch \\| windows \\d+, invalid 0, gaps 0 \\| [\\d.]+ ms$`), line);
    }
    assert.match(lines[0]!, /^t +3\.0 s /, 'the first prediction: the third window, whose last sample is at 2.995 s');
    // The summary comes after the live line was erased, on its own line.
    assert.ok(shown.includes(`${REWRITE}strnn live: `), 'a note clears the live line first');
    assert.match(shown, /strnn live: 28 predictions from 30 windows \(0 invalid, 0 gaps\) over 6000 samples\n$/);
    // Through a pipe: plain lines, no terminal codes.
    const piped = runCli(args, dir);
    assert.equal(piped.status, 0, piped.stderr);
    assert.ok(!piped.stdout.includes(ESC), 'no terminal codes');
    assert.equal(piped.stdout.trim().split('\n').length, 30 - T + 1);
  });
});
