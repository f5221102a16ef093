// Publishes a recording (C x S row-major) as an LSL EEG stream through strnn's own outlet, paced like
// a device (chunks of ~20 ms, or random sizes with an Rng), stamped on the LSL clock. `strnn live
// --demo`, the end-to-end tests and the live benchmark use it as the "headset".
import { StreamOutlet, localClock, type ChannelFormat } from './lsl/index.js';
import type { ReplaySpeed } from './sources/replay.js';
import type { Rng } from '../util/random.js';

export interface LslReplayOptions {
  name: string;
  labels: readonly string[];
  fsHz: number;
  speed?: ReplaySpeed;
  /** Frames per chunk (default 20 ms); with rng, random sizes 1 … chunkFrames. */
  chunkFrames?: number;
  rng?: Rng;
  /** Default: float32 when every sample is a float32 value, else double64 (bit-exact either way). */
  channelFormat?: Extract<ChannelFormat, 'float32' | 'double64'>;
  /** Wait for a consumer before the first sample (default 10 s; 0 = do not wait). */
  waitForConsumerMs?: number;
  /** The stream's source_id (default: the name; '' = none, a stream an inlet can only find again by name and shape). */
  sourceId?: string;
}

export interface LslReplay {
  outlet: StreamOutlet;
  /** Resolves when the last sample was pushed (or the replay was stopped: nothing is pushed after stop()). */
  finished: Promise<void>;
  /** LSL time stamped on the first sample (set when it is pushed). */
  startTime: number | undefined;
  stop(): void;
}

function float32Exact(data: Float32Array | Float64Array): boolean {
  if (data instanceof Float32Array) return true;
  for (let i = 0; i < data.length; i++) if (Math.fround(data[i]!) !== data[i]) return false;
  return true;
}

export async function startLslReplay(data: Float32Array | Float64Array, o: LslReplayOptions): Promise<LslReplay> {
  const C = o.labels.length, S = data.length / C;
  const format = o.channelFormat ?? (float32Exact(data) ? 'float32' : 'double64');
  const outlet = new StreamOutlet({ name: o.name, type: 'EEG', channelCount: C, nominalSrate: o.fsHz, channelFormat: format, sourceId: o.sourceId ?? o.name, channelLabels: [...o.labels], units: o.labels.map(() => 'microvolts') });
  await outlet.start();
  let stopped = false;
  const replay: LslReplay = { outlet, finished: Promise.resolve(), startTime: undefined, stop: () => { stopped = true; } };
  const speed = o.speed ?? 'realtime';
  const factor = speed === 'max' ? Infinity : speed === 'realtime' ? 1 : speed;
  const chunkFrames = Math.max(1, o.chunkFrames ?? Math.round(o.fsHz / 50));
  const finished = (async () => {
    if ((o.waitForConsumerMs ?? 10000) > 0) await outlet.waitForConsumers(o.waitForConsumerMs ?? 10000);
    const t0 = localClock();
    replay.startTime = t0;
    for (let i = 0; i < S && !stopped;) {
      const n = Math.min(S - i, o.rng ? 1 + o.rng.int(chunkFrames) : chunkFrames);
      const frames = format === 'float32' ? new Float32Array(n * C) : new Float64Array(n * C);
      for (let c = 0; c < C; c++) for (let j = 0; j < n; j++) frames[j * C + c] = data[c * S + i + j]!;
      const stamps = Float64Array.from({ length: n }, (_, j) => t0 + (i + j) / o.fsHz);
      i += n;
      const dueMs = factor === Infinity ? 0 : (1000 * (i / o.fsHz)) / factor - 1000 * (localClock() - t0);
      await new Promise((r) => setTimeout(r, Math.max(0, dueMs)));
      // stop() is followed by outlet.close() (live --demo on Ctrl-C): a push now would throw.
      if (stopped) break;
      outlet.pushChunk(frames, stamps);
    }
  })();
  replay.finished = finished;
  return replay;
}
