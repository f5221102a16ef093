// `strnn live --source lsl:name=NAME` when the source disappears: strnn's own outlet publishes the
// fixture's EEG in real time (the "headset"), the CLI predicts from it; then the outlet closes, stays
// away ~1.5 s and a new outlet with the same name, type and source_id (a restarted device bridge: new
// uid, new timestamps) starts pushing. The live process must say the stream was lost and that it is
// reconnecting (stderr, and a status line on stdout in --json mode), say it reconnected, keep
// running, report the jump in the timestamps as a gap, predict again, and stop with 0 on SIGINT.
// And Ctrl-C while the stream is away (the inlet busy reconnecting) stops it as cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startLslReplay, type LslReplay } from '../../src/stream/lsl-replay.js';
import type { GapEvent, PredictionEvent } from '../../src/stream/types.js';
import { withTempDir } from '../helpers.js';
import { CHANNELS, FS, T, jsonLines, liveFixture, predictions, stopReplays } from './live-fixture.js';
import { startCli, type RunningCli } from './run-cli.js';

/** How long the source stays away before the new outlet starts. */
const OUTAGE_MS = 1500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statuses = (stdout: string) => jsonLines(stdout).filter((e) => e.kind === 'status') as Array<{ kind: 'status'; state: string; message: string; t?: number }>;

test('live over LSL: the source disappears and comes back; lost/reconnecting and reconnected are shown, a gap is reported, predictions resume, SIGINT exits 0', { timeout: 180_000 }, async () => {
  await withTempDir(async (dir) => {
    const { rows: data, model } = await liveFixture(dir);
    // A name no other test's outlet carries (the replay uses it as source_id too).
    const name = `strnn-test-reconnect-${process.pid}-${Date.now()}`;
    let first: LslReplay | undefined, second: LslReplay | undefined, cli: RunningCli | undefined;
    try {
      // The first outlet waits for the CLI's inlet before pushing (a loaded machine may take long to start it).
      first = await startLslReplay(data, { name, labels: CHANNELS, fsHz: FS, waitForConsumerMs: 60_000 });
      cli = startCli(['live', '--model', model, '--source', `lsl:name=${name}`, '--json'], dir);
      const running = cli;
      await running.waitFor('two predictions before the drop', (out) => predictions(out).length >= 2, 60_000);

      // The source disappears: the last samples are pushed, then the outlet closes its connections.
      first.stop();
      await first.finished;
      await first.outlet.close();
      await running.waitFor('the lost status', (out, err) => /LSL stream \S+ lost .*; reconnecting/.test(err) && statuses(out).some((s) => s.state === 'lost'), 20_000);
      const beforeDrop = predictions(running.stdout);
      await sleep(OUTAGE_MS); // the outage itself: the inlet keeps retrying meanwhile

      // The device comes back: same name, type and source_id, a new uid, pushing at once (no wait).
      second = await startLslReplay(data, { name, labels: CHANNELS, fsHz: FS, waitForConsumerMs: 0 });
      await running.waitFor('the reconnected status', (out, err) => /LSL stream \S+ reconnected/.test(err) && statuses(out).filter((s) => s.state === 'connected').length >= 2, 30_000);
      const gapAfter = (out: string) => jsonLines(out).findIndex((e) => e.kind === 'gap');
      // A gap resets the history: the first prediction after it needs T new windows.
      await running.waitFor('two predictions after the reconnection', (out) => gapAfter(out) >= 0 && jsonLines(out).slice(gapAfter(out)).filter((e) => e.kind === 'prediction').length >= 2, 40_000);
      assert.equal(running.child.exitCode, null, 'still running after the reconnection');

      running.child.kill('SIGINT');
      const code = await running.exited;
      assert.equal(code, 0, running.stderr);
      const { stdout, stderr } = running;
      assert.match(stderr, /stopping/);
      assert.match(stderr, /\d+ predictions from \d+ windows \(0 invalid, 1 gaps\)/);

      // stderr: connected, lost … reconnecting, reconnected, the gap, in that order.
      const at = (re: RegExp) => {
        const m = re.exec(stderr);
        assert.ok(m, `stderr has ${re}:\n${stderr}`);
        return m.index;
      };
      const lostAt = at(/LSL stream \S+ lost .*; reconnecting/), backAt = at(/LSL stream \S+ reconnected/), gapAt = at(/gap in the stream: [\d.]+ s missing/);
      assert.ok(at(/LSL stream \S+ \(EEG, 4 ch, 200 Hz/) < lostAt && lostAt < backAt && backAt < gapAt, stderr);

      // stdout (--json): the same story as lines a program can follow, every line JSON with a kind.
      const lines = jsonLines(stdout);
      const kinds = lines.map((e) => (e.kind === 'status' ? `status:${e.state as string}` : e.kind));
      const lost = kinds.indexOf('status:lost'), back = kinds.indexOf('status:connected', lost), gap = kinds.indexOf('gap');
      assert.ok(lost > kinds.indexOf('prediction') && lost < back && back < gap && gap < kinds.lastIndexOf('prediction'), kinds.join(' '));
      assert.deepEqual(kinds.filter((k) => k.startsWith('status:')), ['status:connecting', 'status:connected', 'status:lost', 'status:connected'], kinds.join(' '));
      const status = statuses(stdout);
      assert.match(status[2]!.message, /lost .*; reconnecting/);
      assert.match(status[3]!.message, /reconnected after [\d.]+ s/);
      // Status times are on the predictions' clock (this computer's LSL clock).
      for (const s of status) assert.equal(typeof s.t, 'number', JSON.stringify(s));
      const preds = predictions(stdout);
      const lastBefore = beforeDrop[beforeDrop.length - 1]!;
      assert.ok(status[2]!.t! >= lastBefore.tEnd && status[2]!.t! < status[3]!.t!, JSON.stringify(status));

      // The gap: from the last sample of the first outlet to the first of the second, at least the outage.
      const g = lines[gap] as unknown as GapEvent;
      assert.ok(g.missingSec >= OUTAGE_MS / 1000 && g.missingSec < 60, JSON.stringify(g));
      assert.ok(g.tBefore >= lastBefore.tEnd, JSON.stringify({ g, lastBefore }));
      const after = lines.slice(gap).filter((e) => e.kind === 'prediction') as unknown as PredictionEvent[];
      assert.ok(after.length >= 2);
      // No window spans the gap, and the history restarted: the first prediction is the T-th window (1 s
      // windows, 1 s apart) of the new stream.
      assert.ok(Math.abs(after[0]!.tStart - (g.tAfter + (T - 1))) < 1e-6, JSON.stringify({ g, first: after[0] }));
      for (let k = 1; k < preds.length; k++) assert.ok(preds[k]!.tEnd > preds[k - 1]!.tEnd && preds[k]!.window > preds[k - 1]!.window, 'predictions in stream order');
    } finally {
      cli?.kill();
      await stopReplays(first, second);
    }
  });
});

test('live over LSL: SIGINT while the source is away (reconnecting) still stops cleanly with 0', { timeout: 60_000 }, async () => {
  await withTempDir(async (dir) => {
    const { rows, model } = await liveFixture(dir);
    const name = `strnn-test-reconnect-sigint-${process.pid}-${Date.now()}`;
    const replay = await startLslReplay(rows, { name, labels: CHANNELS, fsHz: FS, waitForConsumerMs: 60_000 });
    const cli = startCli(['live', '--model', model, '--source', `lsl:name=${name}`, '--json'], dir);
    try {
      await cli.waitFor('the first prediction', (out) => predictions(out).length >= 1, 60_000);
      replay.stop();
      await replay.finished;
      await replay.outlet.close();
      await cli.waitFor('the lost status', (out) => statuses(out).some((s) => s.state === 'lost'), 20_000);
      await sleep(700); // into the retry loop: at least one recovery query sent and unanswered
      cli.child.kill('SIGINT');
      await cli.waitFor('the exit after SIGINT', () => cli.child.exitCode !== null || cli.child.signalCode !== null, 15_000);
      assert.equal(await cli.exited, 0, cli.stderr);
      assert.match(cli.stderr, /lost .*; reconnecting\n(.*\n)*strnn live: stopping/);
      assert.doesNotMatch(cli.stderr, /reconnected/);
      assert.match(cli.stderr, /\d+ predictions from \d+ windows/);
    } finally {
      cli.kill();
      replay.stop();
      await replay.finished.catch(() => undefined);
      await replay.outlet.close();
    }
  });
});
