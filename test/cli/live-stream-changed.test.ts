// `strnn live --source lsl:name=NAME` when the stream comes back different: an outlet without a
// source_id publishes the fixture's 200 Hz EEG, the CLI predicts from it, the outlet closes, and while
// it is away the CLI says why it still waits ('no source_id: waiting for exactly one stream named ...').
// Then the device software comes back under the same name, type, channel count and format (so it is
// the only candidate, and taken back) but at 250 Hz with another last label: the pipeline was built
// for 200 Hz and those labels, so strnn live must not feed it: it stops with exit code 1, naming the
// stream, the old and new rate, count and labels, and 'restart strnn live', and --out is complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localClock } from '../../src/stream/lsl/index.js';
import { startLslReplay, type LslReplay } from '../../src/stream/lsl-replay.js';
import { withTempDir } from '../helpers.js';
import { CHANNELS, FS, jsonLines, liveFixture, stopReplays } from './live-fixture.js';
import { startCli, type RunningCli } from './run-cli.js';

test('live over LSL: a stream without source_id comes back at another rate and labels; the wait is explained, then strnn live stops with 1, naming both, --out flushed', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const { rows: data, model } = await liveFixture(dir);
    const name = `strnn-test-changed-${process.pid}-${Date.now()}`;
    const out = join(dir, 'preds.jsonl');
    const newLabels = ['Fz', 'Cz', 'Pz', 'O1'];
    let first: LslReplay | undefined, second: LslReplay | undefined, cli: RunningCli | undefined;
    try {
      first = await startLslReplay(data, { name, sourceId: '', labels: CHANNELS, fsHz: FS, waitForConsumerMs: 60_000 });
      cli = startCli(['live', '--model', model, '--source', `lsl:name=${name}`, '--out', out], dir);
      const running = cli;
      // Text lines on stdout (no --json): one per prediction, "t    3.0 s  low ...".
      await running.waitFor('a prediction before the drop', (stdout) => /^t\s+[\d.]+ s /m.test(stdout), 60_000);
      first.stop();
      const stoppedAt = localClock();
      await first.finished;
      await first.outlet.close();
      await running.waitFor('the reason it still waits', (_o, err) => /still reconnecting: no source_id: waiting for exactly one stream named \S+ of type EEG with 4 float32 channels; none answers yet/.test(err), 20_000);

      second = await startLslReplay(data, { name, sourceId: '', labels: newLabels, fsHz: 250, waitForConsumerMs: 0 });
      await running.waitFor('the exit', () => running.child.exitCode !== null || running.child.signalCode !== null, 40_000);
      assert.equal(await running.exited, 1, running.stderr);
      const { stderr } = running;
      const error = /strnn: error: (.*)\n/.exec(stderr)?.[1];
      assert.ok(error, stderr);
      assert.match(error, new RegExp(`^LSL stream ${name} came back different: now 250 Hz, 4 channels \\(Fz Cz Pz O1\\)`));
      assert.match(error, /strnn live was started for 200 Hz, 4 channels \(Fz Cz Pz Oz\)/);
      assert.match(error, /restart strnn live$/);
      assert.match(stderr, /hint: what changed: nominal rate 250 Hz \(was 200 Hz\), channel labels Fz Cz Pz O1 \(were Fz Cz Pz Oz\); restart strnn live/);
      assert.equal(stderr.match(/came back different/g)!.length, 1, `the reason once on stderr:\n${stderr}`);
      assert.doesNotMatch(stderr, /reconnected/);
      // The run still says what it did before it stopped, before the error.
      const summary = /strnn live: (\d+) predictions from \d+ windows/.exec(stderr);
      assert.ok(summary && Number(summary[1]) > 0 && summary.index < stderr.indexOf('strnn: error:'), stderr);

      // --out: every line whole, the story up to the stop, ending with the failed status.
      const text = readFileSync(out, 'utf8');
      assert.ok(text.endsWith('\n'));
      const lines = jsonLines(text);
      const kinds = lines.map((e) => (e.kind === 'status' ? `status:${e.state as string}` : e.kind));
      assert.ok(kinds.includes('prediction'), kinds.join(' '));
      const lost = kinds.indexOf('status:lost'), waiting = kinds.indexOf('status:reconnecting');
      assert.ok(kinds.indexOf('prediction') < lost && lost < waiting, kinds.join(' '));
      assert.equal(kinds.at(-1), 'status:failed', kinds.join(' '));
      assert.equal(lines.at(-1)!.message, error);
      // Nothing of the new stream went through the pipeline: no jump in the timestamps to it (a gap),
      // every prediction from samples the first outlet sent (stamped on this computer's LSL clock).
      assert.ok(!kinds.includes('gap'), kinds.join(' '));
      for (const p of lines.filter((e) => e.kind === 'prediction')) assert.ok((p.tEnd as number) <= stoppedAt + 0.5, JSON.stringify({ p, stoppedAt }));
    } finally {
      cli?.kill();
      await stopReplays(first, second);
    }
  });
});
