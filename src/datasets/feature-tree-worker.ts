// Worker thread of extractFeatures (feature-tree.ts): computes one trial's features per message and
// sends the arrays back (transferred, not copied). StrnnErrors travel back as data so the main
// thread can name the file and trial.
import { parentPort, workerData } from 'node:worker_threads';
import { isStrnnError } from '../util/errors.js';
import { computeTrialFeatureSet, type NormalizedFeatureOptions } from './feature-tree.js';

const { options } = workerData as { options: NormalizedFeatureOptions };

parentPort!.on('message', (m: { id: number; signal: Float64Array; channels: number; fsHz: number; channelNames: string[] }) => {
  try {
    const result = computeTrialFeatureSet(m.signal, m.channels, m.fsHz, options, m.channelNames);
    parentPort!.postMessage({ id: m.id, result }, result.arrays.map((a) => a.data.buffer as ArrayBuffer));
  } catch (e) {
    const error = isStrnnError(e)
      ? { code: e.code, message: e.message, hint: e.hint }
      : { code: 'INPUT', message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
    parentPort!.postMessage({ id: m.id, error });
  }
});
