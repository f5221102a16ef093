// Progress on a terminal (a stand-in stream with isTTY set, as cli-progress sees a TTY): bars with an
// ETA for counted work, "epoch k/N" lines, and the stop summary as the last training line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { countProgress, etaText, trainingProgress, type ProgressStream } from '../../src/cli/progress.js';
import { describeStop, type EpochStats } from '../../src/train/train.js';

function fakeTerminal(): { stream: ProgressStream; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  const chunks: string[] = [];
  stream.on('data', (d: Buffer) => chunks.push(d.toString()));
  return { stream, text: () => chunks.join('') };
}

const epoch = (k: number, valLoss?: number, valAccuracy?: number): EpochStats =>
  ({ epoch: k, maxEpochs: 30, trainLoss: 1, trainAccuracy: 0.5, seconds: 0.1, ...(valLoss !== undefined && { valLoss, valAccuracy }) });

test('countProgress draws a bar with the count and an ETA on a terminal, and nothing on a pipe', async () => {
  const tty = fakeTerminal();
  const p = countProgress('strnn synth ckplus', 'sequences', tty.stream);
  for (let i = 1; i <= 4; i++) p.update(i, 4);
  p.done();
  await new Promise((r) => setImmediate(r));
  assert.match(tty.text(), /strnn synth ckplus \[.*\] 4\/4 sequences \| ETA \d+s/);

  const pipe = Object.assign(new PassThrough(), { isTTY: false });
  let written = '';
  pipe.on('data', (d: Buffer) => (written += d.toString()));
  const q = countProgress('x', 'units', pipe);
  q.update(1, 2);
  q.done();
  await new Promise((r) => setImmediate(r));
  assert.equal(written, '');
});

test('training progress prints "epoch k/N" and ends with when and why training stopped', async () => {
  const tty = fakeTerminal();
  const p = trainingProgress(false, tty.stream);
  p.unit('fold 1/10');
  p.batch(1, 1, 3);
  p.epoch(epoch(1, 0.9, 0.5));
  const curves = [epoch(1, 0.9, 0.5), epoch(2, 0.7, 0.75), epoch(3, 0.8, 0.6), epoch(4, 0.85, 0.6)];
  p.stop(describeStop(curves, 30, 2, true, 2));
  p.done();
  await new Promise((r) => setImmediate(r));
  const out = tty.text();
  assert.match(out, /fold 1\/10 {2}epoch 1\/30: loss 1\.000 acc 0\.500 \| val loss 0\.900 acc 0\.500/);
  assert.match(out, /fold 1\/10 {2}stopped early at epoch 4\/30 \(no better validation loss for 2 epochs\); kept epoch 2: validation accuracy 0\.750, loss 0\.700\n$/);
});

test('the stop summary names the reason: early stop, all epochs with the best kept, or no validation', () => {
  const withVal = [epoch(1, 0.9, 0.5), epoch(2, 0.7, 0.75)];
  assert.deepEqual(describeStop(withVal, 2, 2, false, 5), {
    reason: 'max-epochs', epochsRun: 2, maxEpochs: 2, bestEpoch: 2, bestValAccuracy: 0.75, bestValLoss: 0.7,
    message: 'ran all 2 epochs; kept epoch 2: validation accuracy 0.750, loss 0.700',
  });
  const noVal = describeStop([epoch(1), epoch(2)], 2, 2, false, 5);
  assert.equal(noVal.reason, 'no-validation');
  assert.equal(noVal.message, 'ran all 2 epochs without validation samples (no early stopping); kept the last epoch');
  assert.equal(describeStop(withVal, 30, 1, true, 1).reason, 'early-stop');
});

test('etaText extrapolates the rate so far', () => {
  assert.equal(etaText(10, 1, 4), '30 s');
  assert.equal(etaText(60, 1, 11), '10 min');
  assert.equal(etaText(5, 0, 3), '?');
});
