// `strnn live` over LSL: the times a person reads all count from the stream's first sample (LSL clocks
// count from the computer's boot, 10073.557 s means nothing), while the JSON lines keep the stream's
// own times. An outlet sends 10 s of the fixture's 200 Hz EEG stamped on the LSL clock, with channel Fz
// flat during the fourth second (an invalid window) and the timestamps jumping 3 s after the sixth (a
// gap): stderr names the window and the gap in seconds since the first sample, the terminal lines
// (one per prediction, stdout not a terminal) use the same origin, and --out has the raw times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localClock, StreamOutlet } from '../../src/stream/lsl/index.js';
import type { GapEvent, InvalidWindowEvent, PredictionEvent } from '../../src/stream/types.js';
import { withTempDir } from '../helpers.js';
import { CHANNELS, FS, jsonLines, liveFixture } from './live-fixture.js';
import { startCli, type RunningCli } from './run-cli.js';

test('live over LSL: gap and invalid-window lines on stderr and the terminal lines count from the first sample; JSON keeps raw stream times', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const { frames, model } = await liveFixture(dir);
    const C = CHANNELS.length, S = 10 * FS, JUMP = 3;
    const name = `strnn-test-times-${process.pid}-${Date.now()}`;
    const out = join(dir, 'preds.jsonl');
    // Fz flat over samples 600-799: the fourth 1 s window (ending at 3.995 s) is invalid.
    const values = frames.slice(0, S * C);
    for (let i = 600; i < 800; i++) values[i * C] = 5;
    // Timestamps in the past (as if recorded just now), then 3 s missing after sample 1199 (5.995 s).
    const t0 = localClock() - 20;
    const stamps = Float64Array.from({ length: S }, (_, i) => t0 + i / FS + (i >= 1200 ? JUMP : 0));
    const outlet = new StreamOutlet({ name, type: 'EEG', channelCount: C, nominalSrate: FS, sourceId: name, channelLabels: CHANNELS });
    await outlet.start();
    let cli: RunningCli | undefined;
    try {
      cli = startCli(['live', '--model', model, '--source', `lsl:name=${name}`, '--out', out], dir);
      const running = cli;
      assert.equal(await outlet.waitForConsumers(60_000), true, 'strnn live connected');
      for (let i = 0; i < S; i += 100) outlet.pushChunk(values.subarray(i * C, (i + 100) * C), stamps.subarray(i, i + 100));
      // Predictions: window 2 (3.0 s), then after the gap the third and fourth new windows (12.0, 13.0 s).
      const lines = (stdout: string) => stdout.split('\n').filter((l) => /^t\s+[\d.]+ s /.test(l));
      await running.waitFor('three predictions and the gap', (stdout, stderr) => lines(stdout).length >= 3 && /gap in the stream/.test(stderr), 60_000);
      running.child.kill('SIGINT');
      assert.equal(await running.exited, 0, running.stderr);
      const { stdout, stderr } = running;

      assert.match(stderr, /window ending at t = 4\.0 s \(seconds since the stream's first sample\) skipped: channel Fz is flat/);
      assert.match(stderr, /gap in the stream: 3\.000 s missing after t = 5\.995 s \(seconds since the stream's first sample\); history reset/);
      assert.deepEqual(lines(stdout).map((l) => /^t\s+([\d.]+) s /.exec(l)![1]), ['3.0', '12.0', '13.0']);

      // JSON: the stream's own times (this computer's LSL clock, the outlet's stamps plus a measured offset near 0).
      const events = jsonLines(readFileSync(out, 'utf8'));
      const gap = events.find((e) => e.kind === 'gap') as unknown as GapEvent;
      const invalid = events.find((e) => e.kind === 'invalid') as unknown as InvalidWindowEvent;
      const first = events.find((e) => e.kind === 'prediction') as unknown as PredictionEvent;
      const near = (t: number, want: number) => Math.abs(t - want) < 0.5;
      assert.ok(near(gap.tBefore, t0 + 5.995) && near(gap.tAfter, t0 + 6 + JUMP), JSON.stringify({ gap, t0 }));
      assert.ok(near(invalid.tEnd, t0 + 3.995) && near(invalid.tStart, t0 + 3), JSON.stringify({ invalid, t0 }));
      assert.ok(near(first.tEnd, t0 + 2.995), JSON.stringify({ first, t0 }));
      // ... and those raw times appear nowhere on stderr.
      assert.ok(!stderr.includes(gap.tBefore.toFixed(3)) && !stderr.includes(invalid.tEnd.toFixed(1)), stderr);
    } finally {
      cli?.kill();
      await outlet.close();
    }
  });
});
