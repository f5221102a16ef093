// The LSL "headset" replay: stop() then outlet.close() (what `strnn live --demo` does on Ctrl-C, and
// what the reconnection test does to make the source disappear) ends the replay without a push after
// the close, so `finished` resolves instead of rejecting (an unhandled rejection would crash the CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startLslReplay } from '../../src/stream/lsl-replay.js';

test('replay: stop() then outlet.close() mid-stream resolves finished; nothing is pushed after stop()', async () => {
  const labels = ['a', 'b', 'c', 'd'];
  const replay = await startLslReplay(new Float32Array(labels.length * 2000), { name: `strnn-test-replay-stop-${process.pid}-${Date.now()}`, labels, fsHz: 200, waitForConsumerMs: 0 });
  await new Promise((r) => setTimeout(r, 105)); // mid-stream: the replay waits for its next chunk's time
  replay.stop();
  await replay.outlet.close();
  await replay.finished;
  assert.ok(replay.startTime !== undefined);
});
