// The live pipeline: stream chunks in, events out. Channels are picked from the stream by label
// (channel-map.ts), features come from the causal extractor (src/signal/causal-features.ts, the same
// code `strnn features --causal` runs offline), the last T windows form one model sample, and every
// new window gives a prediction through the checkpoint (its normalisation included). Each window's
// slice code is computed once and kept for the T predictions that use it (StrnnModel.sliceCodes).
//
// - Gaps: with source timestamps, a step between consecutive samples beyond one sample period plus
//   `gapToleranceSec` (or backwards by more than it) is a gap: it is reported, and filters, window
//   grid, smoothing and the window history restart after it (no window spans a gap).
// - Invalid windows (a NaN/Inf or out-of-range sample, a flat channel, features the normalisation
//   makes non-finite) are reported and give no prediction; a sample needs T consecutive valid
//   windows, so predictions resume T windows later.
// - Memory is fixed after the first chunk of each size: the extractor's filter bank holds one window
//   per channel and band, the history T slice codes; nothing grows with the stream's length.
// - Times: `tEnd` is the timestamp of the window's last sample, `tStart` that minus the window length
//   less one sample period. Without source timestamps the clock starts at 0 and advances 1/fsHz per sample.
// Pure code (no Node built-ins), so it can run in a browser.
import { checkCheckpoint } from '../eval/predict.js';
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import { CausalFeatureExtractor, describeWindowProblems, type CausalFeatureSettings, type CausalWindow } from '../signal/causal-features.js';
import { applyNormalization } from '../train/normalize.js';
import { StrnnError } from '../util/errors.js';
import { mapStreamChannels } from './channel-map.js';
import type { LiveEvent, StreamChunk, SourceInfo } from './types.js';

export const DEFAULT_GAP_TOLERANCE_SEC = 0.1;

export interface LivePipelineOptions {
  checkpoint: LoadedCheckpoint;
  settings: CausalFeatureSettings;
  /** The model's channel labels in node order (the checkpoint's features.channels). */
  channels: readonly string[];
  stream: SourceInfo;
  /** Extra step between timestamps tolerated before it counts as a gap (default 0.1 s). */
  gapToleranceSec?: number;
  /** Clock for latencies, in milliseconds (default performance.now). */
  now?: () => number;
  /** Sees every valid window's features (N x dIn float64, node order) before the model does. */
  onFeatures?: (window: number, values: Float64Array) => void;
}

export interface LiveHealth {
  samples: number;
  windows: number;
  predictions: number;
  invalidWindows: number;
  gaps: number;
  /** Consecutive valid windows in the history (a prediction needs T). */
  historyWindows: number;
  T: number;
  /** Stream time of the last sample seen. */
  lastTimestamp: number | undefined;
}

export class LivePipeline {
  readonly columns: number[];
  readonly ignoredChannels: string[];
  readonly T: number;
  private readonly extractor: CausalFeatureExtractor;
  private readonly kind: 'de' | 'psd';
  private readonly featureSize: number;
  /** Ring of the last T valid windows' slice codes (T x 2 dT, StrnnModel.sliceCodes). */
  private readonly history: Float32Array;
  private readonly codeSize: number;
  /** One window's normalised features (N·dIn), and one sample's codes (T x 2 dT, oldest first). */
  private readonly input: Float32Array;
  private readonly sample: Float32Array;
  private historyNext = 0;
  private consecutiveValid = 0;
  private lastTs: number | undefined;
  private deducedNext = 0;
  private readonly gapTolerance: number;
  private readonly now: () => number;
  private readonly counts = { predictions: 0, invalid: 0, gaps: 0 };
  /** Windows since the stream started (gaps do not restart the count). */
  private windowCount = 0;

  constructor(private readonly o: LivePipelineOptions) {
    const { checkpoint, settings, stream } = o;
    checkCheckpoint(checkpoint, 'LivePipeline');
    const config = checkpoint.model.config;
    const N = checkpoint.model.montage.nodes.length;
    if (o.channels.length !== N) {
      throw new StrnnError('CHECKPOINT', `the feature pipeline lists ${o.channels.length} channels, the model's montage has ${N} nodes`);
    }
    if (settings.kinds.length !== 1) throw new StrnnError('CONFIG', `the live pipeline computes one feature kind, got ${settings.kinds.join(', ')}`);
    if (config.dIn !== settings.bands.length) {
      throw new StrnnError('CHECKPOINT', `the model takes d_in = ${config.dIn} features per node, the pipeline has ${settings.bands.length} bands`);
    }
    if (!(stream.fsHz > 0) || !Number.isFinite(stream.fsHz)) {
      throw new StrnnError('INPUT', `stream ${stream.name} has no usable sampling rate (${stream.fsHz} Hz); features need a regular rate`, 'for stdin pass --srate');
    }
    const map = mapStreamChannels(o.channels, stream.labels, stream.name);
    this.columns = map.columns;
    this.ignoredChannels = map.ignored;
    this.kind = settings.kinds[0]!;
    this.extractor = new CausalFeatureExtractor(N, stream.fsHz, settings);
    this.T = config.T;
    this.featureSize = N * config.dIn;
    this.codeSize = checkpoint.model.sliceCodeLength;
    this.history = new Float32Array(this.T * this.codeSize);
    this.input = new Float32Array(this.featureSize);
    this.sample = new Float32Array(this.T * this.codeSize);
    this.gapTolerance = o.gapToleranceSec ?? DEFAULT_GAP_TOLERANCE_SEC;
    this.now = o.now ?? (() => performance.now());
  }

  health(): LiveHealth {
    return {
      samples: this.extractor.samplesSeen, windows: this.windowCount, predictions: this.counts.predictions,
      invalidWindows: this.counts.invalid, gaps: this.counts.gaps, historyWindows: Math.min(this.consecutiveValid, this.T), T: this.T, lastTimestamp: this.lastTs,
    };
  }

  /** Feeds one chunk; returns what it caused, in stream order. */
  push(chunk: StreamChunk): LiveEvent[] {
    const started = this.now();
    const Cs = this.o.stream.channelCount, fs = this.o.stream.fsHz, frames = chunk.frames;
    if (chunk.data.length !== frames * Cs) {
      throw new StrnnError('INPUT', `stream ${this.o.stream.name}: chunk of ${chunk.data.length} values is not ${frames} frames of ${Cs} channels`);
    }
    const ts = chunk.timestamps ?? this.deduceTimestamps(frames);
    if (ts.length !== frames) throw new StrnnError('INPUT', `stream ${this.o.stream.name}: ${ts.length} timestamps for ${frames} frames`);
    const events: LiveEvent[] = [];
    if (chunk.layout === 'channels') {
      // Rows go to the extractor as they are; only timestamps (a possible gap inside) need frames.
      if (!chunk.timestamps) {
        if (frames > 0) this.lastTs = ts[frames - 1];
        this.feedRows(chunk.data, ts, frames, started, events);
        return events;
      }
      chunk = { ...chunk, data: transposeRows(chunk.data, Cs, frames), layout: 'frames' };
    }
    let from = 0;
    if (chunk.timestamps) {
      for (let i = 0; i < frames; i++) {
        const t = ts[i]!;
        if (this.lastTs !== undefined) {
          const step = t - this.lastTs;
          if (step > 1 / fs + this.gapTolerance || step < -this.gapTolerance) {
            this.feed(chunk.data, ts, from, i, started, events);
            events.push({ kind: 'gap', tBefore: this.lastTs, tAfter: t, missingSec: step - 1 / fs });
            this.counts.gaps++;
            this.extractor.reset();
            this.consecutiveValid = 0;
            from = i;
          }
        }
        this.lastTs = t;
      }
    } else if (frames > 0) {
      this.lastTs = ts[frames - 1];
    }
    this.feed(chunk.data, ts, from, frames, started, events);
    return events;
  }

  private deduceTimestamps(frames: number): Float64Array {
    const fs = this.o.stream.fsHz, ts = new Float64Array(frames);
    for (let i = 0; i < frames; i++) ts[i] = (this.deducedNext + i) / fs;
    this.deducedNext += frames;
    return ts;
  }

  /** A channel-major chunk (no timestamps, so no gap can split it) through the extractor and the model. */
  private feedRows(data: Float32Array | Float64Array, ts: Float64Array, frames: number, started: number, events: LiveEvent[]): void {
    const firstSample = this.extractor.samplesSeen;
    const windows = this.extractor.push(data, frames, { layout: 'channels', sourceChannels: this.o.stream.channelCount, channelIndex: this.columns });
    this.windowsOut(windows, ts, 0, firstSample, started, events);
  }

  /**
   * Frames [from, to) of the chunk through the extractor, then each finished window through the
   * model: its slice code once (StrnnModel.sliceCodes), and a prediction from the last T codes
   * (predictFromSliceCodes). One window per call, never batched: the float32 products round
   * differently with the batch size, and predictions must not depend on how a stream is chunked.
   */
  private feed(data: Float32Array | Float64Array, ts: Float64Array, from: number, to: number, started: number, events: LiveEvent[]): void {
    if (to <= from) return;
    const Cs = this.o.stream.channelCount;
    const firstSample = this.extractor.samplesSeen;
    const windows = this.extractor.push(data.subarray(from * Cs, to * Cs), to - from, { layout: 'frames', sourceChannels: Cs, channelIndex: this.columns });
    this.windowsOut(windows, ts, from, firstSample, started, events);
  }

  /** Finished windows (the extractor's, from a chunk whose frame `from` was sample firstSample) to events. */
  private windowsOut(windows: CausalWindow[], ts: Float64Array, from: number, firstSample: number, started: number, events: LiveEvent[]): void {
    for (const w of windows) {
      const window = this.windowCount++;
      const tEnd = ts[from + (w.endSample - 1 - firstSample)]!;
      const tStart = tEnd - (this.extractor.lengthSamples - 1) / this.o.stream.fsHz;
      let problem = w.valid ? undefined : describeWindowProblems(w.problems, this.o.channels);
      if (problem === undefined) {
        this.o.onFeatures?.(window, w.values[this.kind]!);
        problem = this.prepareInput(w.values[this.kind]!);
      }
      if (problem !== undefined) {
        this.consecutiveValid = 0;
        this.counts.invalid++;
        events.push({ kind: 'invalid', window, tStart, tEnd, reason: problem });
        continue;
      }
      const event = this.predict(window, tStart, tEnd, started);
      if (event) events.push(event);
    }
  }

  /** The window's features into `input`, normalised as predictSamples does; what is wrong with them, if anything. */
  private prepareInput(values: Float64Array): string | undefined {
    const x = this.input;
    x.set(values);
    if (this.o.checkpoint.normalization) applyNormalization(x, this.o.checkpoint.normalization);
    const bad = x.findIndex((v) => !Number.isFinite(v));
    if (bad < 0) return undefined;
    const dIn = this.o.checkpoint.model.config.dIn;
    return `feature ${bad % dIn} of channel ${this.o.channels[Math.floor(bad / dIn)]} is ${x[bad]} after normalisation`;
  }

  private predict(window: number, tStart: number, tEnd: number, started: number): LiveEvent | undefined {
    const model = this.o.checkpoint.model, per = this.codeSize;
    this.history.set(model.sliceCodes(this.input), this.historyNext * per);
    this.historyNext = (this.historyNext + 1) % this.T;
    this.consecutiveValid++;
    if (this.consecutiveValid < this.T) return undefined;
    // Oldest first: the ring's next slot holds the oldest.
    for (let j = 0; j < this.T; j++) {
      const slot = (this.historyNext + j) % this.T;
      this.sample.set(this.history.subarray(slot * per, (slot + 1) * per), j * per);
    }
    const p = model.predictFromSliceCodes(this.sample);
    const names = this.o.checkpoint.classNames;
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    this.counts.predictions++;
    return {
      kind: 'prediction', window, tStart, tEnd, predicted: names[best]!,
      probabilities: Object.fromEntries(names.map((name, c) => [name, p[c]!])), latencyMs: this.now() - started,
    };
  }
}

/** Channel rows (C x frames) as frames x C. */
function transposeRows(rows: Float32Array | Float64Array, C: number, frames: number): Float32Array | Float64Array {
  const out = rows instanceof Float32Array ? new Float32Array(rows.length) : new Float64Array(rows.length);
  for (let c = 0; c < C; c++) for (let i = 0; i < frames; i++) out[i * C + c] = rows[c * frames + i]!;
  return out;
}
