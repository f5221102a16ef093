// Worker thread of `runExperiment`: receives the trial list once (feature data in SharedArrayBuffers,
// so nothing is copied), builds its own backend factory, then runs one task per message.
import { parentPort, workerData } from 'node:worker_threads';
import type { FeatureTrial } from '../datasets/types.js';
import { backendFactory } from '../kernels/factory.js';
import type { BackendKind } from '../kernels/select.js';
import type { Montage } from '../montage/montage.js';
import { isStrnnError } from '../util/errors.js';
import { runTask, type ExperimentTask } from './experiment-task.js';

interface WorkerInit {
  trials: FeatureTrial[];
  montage: Montage;
  backend: BackendKind;
  dtype: 'float32' | 'float64';
}

const init = workerData as WorkerInit;
const factory = await backendFactory(init.backend, init.dtype);
const port = parentPort!;
port.on('message', (task: ExperimentTask) => {
  try {
    port.postMessage({ index: task.index, result: runTask(init.trials, task, init.montage, factory) });
  } catch (e) {
    const err = e as Error;
    port.postMessage({ index: task.index, error: { message: err.message, code: isStrnnError(e) ? e.code : undefined, hint: isStrnnError(e) ? e.hint : undefined } });
  }
});
port.postMessage({ ready: true });
