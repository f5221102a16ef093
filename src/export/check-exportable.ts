// What an ONNX export refuses before building anything, each with an error naming the field: a
// config field the graph builder does not know (a model feature added later that it would silently
// drop), an activation without an ONNX operator, non-finite weights or normalisation statistics (they
// would turn every prediction into NaN), and models too large for one protobuf file (2 GiB).
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import { StrnnError } from '../util/errors.js';
import { ONNX_ACTIVATIONS } from './strnn-graph.js';

/** Config fields the exported graph expresses, and those that only shape training (no effect on the forward pass). */
const FORWARD_FIELDS = new Set(['T', 'dIn', 'C', 'dS', 'kS', 'dT', 'kT', 'spatialActivation', 'temporalActivation']);
const TRAINING_ONLY_FIELDS = new Set(['lambdaS', 'lambdaT', 'lambdaW', 'init']);

/** Protobuf messages are limited to 2 GiB; leave room for the graph around the weights. */
const MAX_WEIGHT_BYTES = 2 ** 31 - 64 * 2 ** 20;

function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}

export function checkExportable(ckpt: LoadedCheckpoint, source: string): void {
  const { model } = ckpt;
  const cfg = model.config as unknown as Record<string, unknown>;
  for (const field of Object.keys(cfg)) {
    if (!FORWARD_FIELDS.has(field) && !TRAINING_ONLY_FIELDS.has(field)) {
      throw new StrnnError('UNSUPPORTED', `${source}: config.${field} (${JSON.stringify(cfg[field])}) cannot be exported to ONNX: the exporter does not know this field`, 'export with the strnn version that added the field, or leave it at its default');
    }
  }
  for (const field of ['spatialActivation', 'temporalActivation'] as const) {
    const act = model.config[field];
    if (!Object.hasOwn(ONNX_ACTIVATIONS, act)) {
      throw new StrnnError('UNSUPPORTED', `${source}: config.${field} is "${String(act)}", which has no ONNX operator here (expected one of ${Object.keys(ONNX_ACTIVATIONS).join(', ')})`);
    }
  }
  for (const spec of model.layout.params) {
    const at = firstNonFinite(model.param(spec.name));
    if (at >= 0) {
      throw new StrnnError('NUMERIC', `${source}: parameter ${spec.name}[${at}] is ${model.param(spec.name)[at]}; a model with non-finite weights cannot be exported`, 'retrain, or export an earlier checkpoint');
    }
  }
  const norm = ckpt.normalization;
  if (norm) {
    const badMean = firstNonFinite(norm.mean);
    if (badMean >= 0) throw new StrnnError('NUMERIC', `${source}: normalization.mean[${badMean}] is ${norm.mean[badMean]}, expected a finite number`);
    const badStd = norm.std.findIndex((s) => !(Number.isFinite(s) && s > 0));
    if (badStd >= 0) throw new StrnnError('NUMERIC', `${source}: normalization.std[${badStd}] is ${norm.std[badStd]}, expected a finite number > 0`);
  }
  const weightBytes = 4 * model.layout.total;
  if (weightBytes > MAX_WEIGHT_BYTES) {
    throw new StrnnError('UNSUPPORTED', `${source}: ${weightBytes} bytes of weights exceed what one ONNX protobuf file holds (2 GiB); config dS = ${model.config.dS}, dT = ${model.config.dT}, kS = ${model.config.kS} make it too large`);
  }
}
