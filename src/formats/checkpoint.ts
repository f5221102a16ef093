// Checkpoint directory format, version 1:
//   model.json   format name and version, model config, montage, class names, normalisation, the
//                feature pipeline (EEG models trained on computed features; src/signal/feature-pipeline.ts),
//                and for every parameter its spec name, shape and byte offset in weights.bin
//   weights.bin  little-endian float32 values, parameters in the order listed
// The directory is written atomically (built under a temporary name, then renamed into place).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Backend } from '../kernels/kernels.js';
import { validateMontage } from '../montage/montage.js';
import { makeConfig, type StrnnConfigInput } from '../model/config.js';
import { StrnnModel } from '../model/model.js';
import { featurePipelineSchema, parseFeaturePipeline, type FeaturePipeline } from '../signal/feature-pipeline.js';
import type { Normalization } from '../train/normalize.js';
import { writeDirAtomic, writeFileAtomic } from '../util/atomic-write.js';
import { StrnnError } from '../util/errors.js';
import { checkOutputDir, type OutputDirRule } from '../util/output-dir.js';

export const CHECKPOINT_FORMAT = 'strnn-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface CheckpointMeta {
  classNames: string[];
  normalization?: Normalization;
  /** How raw EEG becomes this model's input features (absent for models trained on given features or faces). */
  features?: FeaturePipeline;
  /** Free-form provenance (protocol, unit, seed, training summary). */
  info?: Record<string, unknown>;
}

const manifestSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  montage: z.object({
    name: z.string(),
    rows: z.number().int(),
    cols: z.number().int(),
    nodes: z.array(z.object({ name: z.string(), row: z.number().int(), col: z.number().int() })),
  }),
  classNames: z.array(z.string()),
  normalization: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }).optional(),
  features: featurePipelineSchema.optional(),
  weights: z.object({ file: z.string(), dtype: z.literal('float32'), byteOrder: z.literal('little'), bytes: z.number().int() }),
  parameters: z.array(z.object({ name: z.string(), shape: z.array(z.number().int()), byteOffset: z.number().int() })),
  info: z.record(z.string(), z.unknown()).optional(),
});

type Manifest = z.infer<typeof manifestSchema>;

/**
 * A folder strnn may replace with a checkpoint: one holding only a strnn model.json and its weights
 * file (anything else in it, e.g. the user's notes, would be lost).
 */
export const CHECKPOINT_DIR_RULE: OutputDirRule = {
  what: 'a strnn checkpoint (model.json and weights.bin only)',
  ours(dir) {
    try {
      const m = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { format?: unknown; weights?: { file?: unknown } };
      const allowed = new Set(['model.json', String(m.weights?.file ?? 'weights.bin')]);
      return m.format === CHECKPOINT_FORMAT && readdirSync(dir).every((name) => allowed.has(name));
    } catch {
      return false;
    }
  },
};

/** Throws a USAGE error unless `dir` is missing, empty or an old strnn checkpoint (call before training). */
export function checkCheckpointOut(dir: string, flag = '--out'): void {
  checkOutputDir(dir, { ...CHECKPOINT_DIR_RULE, flag });
}

/**
 * Writes the model's parameters and metadata to `dir` atomically. `dir` must be missing, empty or an
 * old strnn checkpoint (replaced only once the new one is complete); anything else is refused.
 */
export function saveCheckpoint(dir: string, model: StrnnModel, meta: CheckpointMeta): void {
  checkOutputDir(dir, { ...CHECKPOINT_DIR_RULE, flag: 'checkpoint folder' });
  if (meta.classNames.length !== model.config.C) {
    throw new StrnnError('INPUT', `checkpoint ${dir}: ${meta.classNames.length} class names for a model with C = ${model.config.C}`);
  }
  const weights = Buffer.alloc(model.layout.total * 4);
  model.layout.params.forEach((p) => {
    for (let i = 0; i < p.size; i++) weights.writeFloatLE(model.params[p.offset + i]!, (p.offset + i) * 4);
  });
  const manifest: Manifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config: { ...model.config },
    montage: model.montage,
    classNames: meta.classNames,
    ...(meta.normalization && { normalization: { mean: Array.from(meta.normalization.mean), std: Array.from(meta.normalization.std) } }),
    weights: { file: 'weights.bin', dtype: 'float32', byteOrder: 'little', bytes: weights.length },
    parameters: model.layout.params.map((p) => ({ name: p.name, shape: p.shape, byteOffset: p.offset * 4 })),
    ...(meta.features && { features: meta.features }),
    ...(meta.info && { info: meta.info }),
  };
  writeDirAtomic(dir, (tmp) => {
    writeFileAtomic(join(tmp, 'weights.bin'), weights);
    writeFileAtomic(join(tmp, 'model.json'), JSON.stringify(manifest, null, 2) + '\n');
  });
}

export interface LoadedCheckpoint extends CheckpointMeta {
  model: StrnnModel;
}

/** Loads a checkpoint into a new model on `backend`; every mismatch is a clear CHECKPOINT error. */
export function loadCheckpoint(dir: string, backend: Backend, maxBatch = 32): LoadedCheckpoint {
  const manifestPath = join(dir, 'model.json');
  if (!existsSync(manifestPath)) {
    throw new StrnnError('NOT_FOUND', `${dir}: not a strnn checkpoint (no model.json)`, 'pass the directory that `strnn train` or `strnn demo` wrote');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    throw new StrnnError('CHECKPOINT', `${manifestPath}: not valid JSON (${(e as Error).message})`);
  }
  const version = (raw as { version?: unknown })?.version;
  if ((raw as { format?: unknown })?.format === CHECKPOINT_FORMAT && version !== CHECKPOINT_VERSION) {
    throw new StrnnError('CHECKPOINT', `${manifestPath}: unknown checkpoint format version ${JSON.stringify(version)} (this strnn reads version ${CHECKPOINT_VERSION})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StrnnError('CHECKPOINT', `${manifestPath}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const m = parsed.data;
  const config = makeConfig(m.config as StrnnConfigInput, `${manifestPath}: config`);
  const montage = validateMontage(m.montage, `${manifestPath}: montage`);
  const model = new StrnnModel(config, montage, { backend, maxBatch });

  // The weights live inside the checkpoint folder: a path out of it ('../secret.bin', '/etc/x') is refused.
  if (!/^[\w.-]+$/.test(m.weights.file) || m.weights.file === '.' || m.weights.file === '..') {
    throw new StrnnError('CHECKPOINT', `${manifestPath}: weights.file ${JSON.stringify(m.weights.file)} is not a file name inside the checkpoint folder`);
  }
  const weightsPath = join(dir, m.weights.file);
  if (!existsSync(weightsPath)) throw new StrnnError('CHECKPOINT', `${dir}: weights file ${m.weights.file} is missing`);
  const size = statSync(weightsPath).size;
  if (size !== m.weights.bytes) throw new StrnnError('CHECKPOINT', `${weightsPath}: ${size} bytes, model.json says ${m.weights.bytes}`);
  const bytes = readFileSync(weightsPath);
  const listed = new Map(m.parameters.map((p) => [p.name, p]));
  for (const spec of model.layout.params) {
    const entry = listed.get(spec.name);
    if (!entry) throw new StrnnError('CHECKPOINT', `${manifestPath}: parameter ${spec.name} is missing`);
    if (entry.shape.join('x') !== spec.shape.join('x')) {
      throw new StrnnError('CHECKPOINT', `${manifestPath}: parameter ${spec.name} has shape ${entry.shape.join(' x ')}, the config needs ${spec.shape.join(' x ')}`);
    }
    if (entry.byteOffset < 0 || entry.byteOffset + spec.size * 4 > bytes.length) {
      throw new StrnnError('CHECKPOINT', `${manifestPath}: parameter ${spec.name} lies outside weights.bin (byte ${entry.byteOffset} + ${spec.size * 4} > ${bytes.length})`);
    }
    for (let i = 0; i < spec.size; i++) {
      const v = bytes.readFloatLE(entry.byteOffset + i * 4);
      if (!Number.isFinite(v)) throw new StrnnError('CHECKPOINT', `${weightsPath}: parameter ${spec.name} holds a non-finite value (${v}) at element ${i}`, 'the model diverged or the file is damaged; retrain it');
      model.params[spec.offset + i] = v;
    }
  }
  if (m.classNames.length !== config.C) throw new StrnnError('CHECKPOINT', `${manifestPath}: ${m.classNames.length} class names for C = ${config.C}`);
  let normalization: Normalization | undefined;
  if (m.normalization) {
    const n = montage.nodes.length * config.dIn;
    if (m.normalization.mean.length !== n || m.normalization.std.length !== n) {
      throw new StrnnError('CHECKPOINT', `${manifestPath}: normalisation has ${m.normalization.mean.length} means, expected N x dIn = ${n}`);
    }
    const badMean = m.normalization.mean.findIndex((v) => !Number.isFinite(v));
    if (badMean >= 0) throw new StrnnError('CHECKPOINT', `${manifestPath}: normalization.mean[${badMean}] is ${m.normalization.mean[badMean]}, expected a finite number`);
    // A std of 0 would divide by zero and a negative one flip the feature: fitNormalization never writes either.
    const badStd = m.normalization.std.findIndex((v) => !(Number.isFinite(v) && v > 0));
    if (badStd >= 0) throw new StrnnError('CHECKPOINT', `${manifestPath}: normalization.std[${badStd}] is ${m.normalization.std[badStd]}, expected a positive finite number`);
    normalization = { mean: Float32Array.from(m.normalization.mean), std: Float32Array.from(m.normalization.std) };
  }
  const features = m.features && parseFeaturePipeline(m.features, `${manifestPath}: features`);
  return {
    model,
    classNames: m.classNames,
    ...(normalization && { normalization }),
    ...(features && { features }),
    ...(m.info && { info: m.info }),
  };
}
