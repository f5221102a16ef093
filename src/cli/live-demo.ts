// `strnn live --demo`: no hardware needed. Trains a model on causal features of synthetic raw EEG
// (src/stream/live-demo.ts), publishes a stream of six planted emotion blocks through strnn's own LSL
// outlet, consumes it like a headset's stream and shows each prediction next to the planted label.
import type { Flags } from './command.js';
import { runLive } from './commands/live.js';
import type { ReplaySpeed } from '../stream/sources/replay.js';

export async function runLiveDemo(f: Flags, speed: ReplaySpeed): Promise<void> {
  const { backendFactory } = await import('../kernels/factory.js');
  const { makeLiveDemo, plantedLabelAt } = await import('../stream/live-demo.js');
  const { startLslReplay } = await import('../stream/lsl-replay.js');
  const { lslSource } = await import('../stream/sources/lsl-source.js');
  const { causalSettingsFromPipeline } = await import('../signal/causal-pipeline.js');
  process.stderr.write('strnn live --demo: training a model on causal features of synthetic EEG (62 channels, 200 Hz, 9 planted blocks) ...\n');
  const demo = makeLiveDemo({ seed: f.seed as number, backend: await backendFactory(f.backend as 'auto') });
  const streamSec = demo.stream.length / demo.labels.length / demo.fsHz;
  process.stderr.write(`strnn live --demo: trained in ${demo.trainSeconds.toFixed(1)} s; offline accuracy on the stream's blocks ${(100 * demo.offlineAccuracy).toFixed(1)} %\n` +
    `strnn live --demo: streaming ${demo.blocks.length} blocks (${demo.blocks.map((b) => b.label).join(', ')}; ${streamSec.toFixed(0)} s of EEG) over LSL at ${speed === 'max' ? 'full speed' : `${String(speed === 'realtime' ? 1 : speed)}x real time`}\n`);
  const name = `strnn-demo-eeg-${process.pid}`;
  const replay = await startLslReplay(demo.stream, { name, labels: demo.labels, fsHz: demo.fsHz, speed });
  const source = lslSource({ sourceId: name });
  // The stream ends with the replay: close the source once its last samples had time to arrive.
  void replay.finished.then(() => setTimeout(() => void source.close(), 1500));
  // A prediction looks at the last T windows (and the smoothing remembers a few more), so right after
  // a block change it still sees the previous block: count "settled" predictions separately.
  const settleSec = demo.checkpoint.features!.T + 6;
  let right = 0, total = 0, settledRight = 0, settled = 0;
  try {
    await runLive(f, { source, checkpoint: demo.checkpoint, settings: causalSettingsFromPipeline(demo.checkpoint.features!), channels: demo.checkpoint.features!.channels }, (e) => {
      const t = e.tEnd - (replay.startTime ?? 0);
      const planted = plantedLabelAt(demo.blocks, t);
      const block = demo.blocks.find((b) => t >= b.startSec && t < b.endSec);
      total++;
      if (planted === e.predicted) right++;
      if (block && t - block.startSec >= settleSec) {
        settled++;
        if (planted === e.predicted) settledRight++;
      }
      return `planted ${planted ?? '-'}${planted === e.predicted ? '' : '  ✗'}`;
    });
  } finally {
    replay.stop();
    await replay.outlet.close();
  }
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0');
  process.stderr.write(`strnn live --demo: ${right} of ${total} live predictions (${pct(right, total)} %) match the planted block; ` +
    `${settledRight} of ${settled} (${pct(settledRight, settled)} %) once a block has run ${settleSec} s\n`);
}
