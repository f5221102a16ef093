// Predictions over a whole recording with a checkpoint that carries its feature pipeline
// (checkpoint field `features`, written by `strnn train --dataset <your recordings>`): the model's
// channels are found in the recording by name (case-insensitive, 10-20 aliases), the features are
// computed with filters designed for the recording's own rate, and one prediction is made per
// window step: sample s covers windows s .. s+T-1, i.e. seconds [s·stride, (s+T-1)·stride + window)
// from the recording's first sample. Missing channels, bands above Nyquist and models without a
// pipeline are refused with the reason.
import { matchChannels } from '../datasets/channel-names.js';
import { recordingSignal } from '../datasets/recording-features.js';
import { windowTrials } from '../datasets/samples.js';
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import type { RecordingFile } from '../formats/recording.js';
import { nonCausalReasons } from '../signal/feature-pipeline.js';
import { checkPipelineRate, computePipelineFeatures } from '../signal/pipeline-features.js';
import { StrnnError } from '../util/errors.js';
import { predictProbabilities } from './predict.js';

export interface RecordingPrediction {
  index: number;
  /** Seconds from the recording's first sample to the start and end of the sample's T windows. */
  startSec: number;
  endSec: number;
  /** XDF: endSec on the recording computer's clock (firstTimestampSec + endSec). */
  endTimestampSec?: number;
  predicted: string;
  probabilities: Record<string, number>;
}

export interface RecordingPredictions {
  /** The recording's labels feeding the model's nodes, in node order. */
  channels: string[];
  fsHz: number;
  predictions: RecordingPrediction[];
}

/** One prediction per window step over `file` (see the file header); `modelPath` names the model in errors. */
export function predictRecording(ckpt: LoadedCheckpoint, file: RecordingFile, modelPath: string): RecordingPredictions {
  const pipeline = ckpt.features;
  if (!pipeline) {
    throw new StrnnError('CHECKPOINT', `${modelPath}: the model has no feature pipeline (it was trained on given samples or faces), so strnn cannot prepare a recording for it`,
      'train it from recordings: strnn train --dataset DIR --out model/');
  }
  if (pipeline.source !== 'computed') throw new StrnnError('CHECKPOINT', `${modelPath}: ${nonCausalReasons(pipeline)[0]}`);
  const { config } = ckpt.model;
  if (pipeline.channels.length !== ckpt.model.nodes || pipeline.bands.length !== config.dIn) {
    throw new StrnnError('CHECKPOINT', `${modelPath}: the feature pipeline gives ${pipeline.channels.length} channels x ${pipeline.bands.length} bands, the model takes ${ckpt.model.nodes} nodes x ${config.dIn} features`);
  }
  const { indices, missing } = matchChannels(pipeline.channels, file.channels.map((c) => c.label));
  if (missing.length) {
    throw new StrnnError('INPUT', `${file.path}: missing channel${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the model needs ${pipeline.channels.join(', ')}; the recording has ${file.channels.map((c) => c.label).join(', ')})`);
  }
  checkPipelineRate(pipeline, file.fsHz, file.path);
  let fx;
  try {
    fx = computePipelineFeatures(recordingSignal(file, indices), indices.length, file.fsHz, pipeline);
  } catch (e) {
    throw new StrnnError('INPUT', `${file.path}: ${(e as Error).message}`);
  }
  const T = config.T;
  if (fx.windows < T) {
    throw new StrnnError('INPUT', `${file.path}: ${(file.samples / file.fsHz).toFixed(2)} s give ${fx.windows} windows of ${pipeline.windowSec} s; the model needs T = ${T}`);
  }
  const samples = windowTrials([{ dataset: 'recording', subject: '', session: 1, trial: 1, label: 0, windows: fx.windows, nodes: fx.channels, features: fx.bands, data: fx.data }], { T });
  const probs = predictProbabilities(ckpt, samples.x, samples.count);
  const C = config.C;
  const predictions = Array.from({ length: samples.count }, (_, i): RecordingPrediction => {
    const p = Array.from(probs.subarray(i * C, (i + 1) * C));
    if (p.some((v) => !Number.isFinite(v))) throw new StrnnError('NUMERIC', `${file.path}: the model gave non-finite probabilities for the sample ending at window ${i + T}`);
    const start = samples.start[i]!;
    const startSec = start * pipeline.strideSec;
    const endSec = (start + T - 1) * pipeline.strideSec + pipeline.windowSec;
    return {
      index: i, startSec, endSec, ...(file.firstTimestampSec !== undefined && { endTimestampSec: file.firstTimestampSec + endSec }),
      predicted: ckpt.classNames[p.indexOf(Math.max(...p))]!, probabilities: Object.fromEntries(ckpt.classNames.map((c, j) => [c, p[j]!])),
    };
  });
  return { channels: indices.map((i) => file.channels[i]!.label), fsHz: file.fsHz, predictions };
}

/** Predictions as CSV: index, start_sec, end_sec, predicted, then one probability column per class. */
export function predictionsCsv(rows: readonly RecordingPrediction[], classNames: readonly string[]): string {
  const header = ['index', 'start_sec', 'end_sec', 'predicted', ...classNames.map((c) => `p_${c}`)].join(',');
  return [header, ...rows.map((r) => [r.index, r.startSec, r.endSec, r.predicted, ...classNames.map((c) => r.probabilities[c])].join(','))].join('\n') + '\n';
}
