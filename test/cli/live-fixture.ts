// What the `strnn live` tests stream through a small model: 30 s of 4-channel noise at 200 Hz and a
// randomly initialised STRNN checkpoint whose feature pipeline is causal (or zero-phase, to test the
// refusal), plus a reader for the JSON lines `strnn live --json` / `--out` write.
import { join } from 'node:path';
import { saveCheckpoint } from '../../src/formats/checkpoint.js';
import { writeNpy } from '../../src/formats/npy.js';
import { createBackend } from '../../src/kernels/select.js';
import { gridMontage } from '../../src/montage/montage.js';
import { StrnnModel } from '../../src/model/model.js';
import { makeConfig } from '../../src/model/config.js';
import { causalFeaturePipeline } from '../../src/signal/causal-pipeline.js';
import type { LslReplay } from '../../src/stream/lsl-replay.js';
import type { PredictionEvent } from '../../src/stream/types.js';
import { Rng } from '../../src/util/random.js';

export const FS = 200, CHANNELS = ['Fz', 'Cz', 'Pz', 'Oz'], CLASSES = ['low', 'high'];
/** Windows the fixture model needs before its first prediction. */
export const T = 3;

export interface LiveFixture {
  /** rec.npy: the frames as samples x channels. */
  npy: string;
  /** 30 s of float32 frames, frame-major (sample 0's four channels, then sample 1's, ...). */
  frames: Float32Array;
  /** The same samples channel-major (channels x samples), as startLslReplay takes them. */
  rows: Float32Array;
  /** The checkpoint directory. */
  model: string;
}

/** 30 s of 4-channel float32 noise (samples x channels) and a small model with a causal pipeline. */
export async function liveFixture(dir: string, filtering: 'causal' | 'zero-phase' = 'causal'): Promise<LiveFixture> {
  const rng = new Rng(4), S = 30 * FS;
  const frames = Float32Array.from({ length: S * 4 }, (_, i) => 20 * rng.normal() + 10 * Math.sin(i * 0.05));
  const npy = join(dir, 'rec.npy');
  writeNpy(npy, frames, [S, 4]);
  const model = new StrnnModel(makeConfig({ T, dIn: 5, C: 2, dS: 4, kS: 2, dT: 4, kT: 2 }), gridMontage(2, 2), { backend: await createBackend('reference'), maxBatch: 4 });
  model.initialize(9);
  const features = { ...causalFeaturePipeline(CHANNELS, [FS], { T }), ...(filtering === 'zero-phase' && { filtering, smoothing: 'lds' as const }) };
  const dirModel = join(dir, 'model');
  saveCheckpoint(dirModel, model, { classNames: CLASSES, normalization: { mean: new Float32Array(20).fill(3), std: new Float32Array(20).fill(1) }, features });
  const rows = new Float32Array(frames.length);
  for (let i = 0; i < S; i++) for (let c = 0; c < 4; c++) rows[c * S + i] = frames[i * 4 + c]!;
  return { npy, frames, rows, model: dirModel };
}

/**
 * Every JSON line of a `--json` stdout or `--out` file (each line is one object with a `kind`). Only
 * whole lines: output still arriving may end inside one.
 */
export function jsonLines(text: string): Array<{ kind: string } & Record<string, unknown>> {
  const whole = text.slice(0, text.lastIndexOf('\n') + 1);
  return whole.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { kind: string } & Record<string, unknown>);
}

/** The prediction lines among them. */
export function predictions(text: string): PredictionEvent[] {
  return jsonLines(text).filter((e) => e.kind === 'prediction') as unknown as PredictionEvent[];
}

/** Stops LSL replays (any not started yet are skipped) and closes their outlets, waiting for each. */
export async function stopReplays(...replays: (LslReplay | undefined)[]): Promise<void> {
  for (const r of replays) r?.stop();
  for (const r of replays) await r?.finished.catch(() => undefined);
  for (const r of replays) await r?.outlet.close();
}
