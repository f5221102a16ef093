// The face preprocessing a checkpoint was trained with, recorded in its `info.face` and read back at
// prediction time. A face model only means something on crops made exactly as its training crops
// were (the same T, crop size, patch grid, eye positions and normalisation): a different eye row or
// crop size moves every patch onto another part of the face, and the model still returns confident,
// meaningless probabilities. So prediction from faces takes the config from the checkpoint, never
// from defaults, and refuses a checkpoint that does not record one.
//
// info.face = { preprocess: FacePreprocessConfig, dataset?: string, alignment?: string }
import { z } from 'zod';
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import { StrnnError } from '../util/errors.js';
import { faceConfig, faceGridSize, type FacePreprocessConfig } from './preprocess.js';

export interface FaceCheckpointInfo {
  preprocess: FacePreprocessConfig;
  /** Dataset the model was trained on ('ckplus', 'mmi', or the caller's own name). */
  dataset?: string;
  /** How training faces were aligned ('landmarks' from files or a detector, or 'centred-crop'). */
  alignment?: string;
}

const point = z.object({ x: z.number(), y: z.number() });
const faceInfoSchema = z.object({
  preprocess: z.object({
    T: z.number().int(),
    cropSize: z.number().int(),
    patch: z.number().int(),
    eyes: z.object({ left: point, right: point }),
    normalize: z.enum(['frame', 'none']),
    centredCropFraction: z.number(),
  }),
  dataset: z.string().optional(),
  alignment: z.string().optional(),
});

/** The `info.face` entry to save with a model trained on faces preprocessed with `cfg`. */
export function faceCheckpointInfo(cfg: FacePreprocessConfig, extra: { dataset?: string; alignment?: string } = {}): FaceCheckpointInfo {
  return { preprocess: faceConfig(cfg), ...extra };
}

const NOT_FACE_HINT = 'train a face model with `strnn train --dataset ckplus --root DIR --out DIR` (or mmi), or save your own with info: { face: faceCheckpointInfo(config) }';

/**
 * The face preprocessing recorded in a loaded checkpoint. Refuses (CHECKPOINT errors naming `source`)
 * a checkpoint without info.face, a malformed entry, and one whose recorded crops do not match the
 * model's shape (T, nodes = grid², dIn = patch², a square grid montage).
 */
export function faceConfigFromCheckpoint(ckpt: LoadedCheckpoint, source: string): FaceCheckpointInfo {
  const raw = ckpt.info?.['face'];
  if (raw === undefined) {
    const { T, dIn } = ckpt.model.config;
    throw new StrnnError('CHECKPOINT', `${source}: not a face model (model.json records no face preprocessing in info.face; this model takes T x N x d_in = ${T} x ${ckpt.model.nodes} x ${dIn} samples)`, NOT_FACE_HINT);
  }
  const parsed = faceInfoSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StrnnError('CHECKPOINT', `${source}: info.face.${issue.path.join('.')}: ${issue.message}`, 'expected info.face = { preprocess: { T, cropSize, patch, eyes, normalize, centredCropFraction } }');
  }
  let cfg: FacePreprocessConfig;
  try {
    cfg = faceConfig(parsed.data.preprocess);
  } catch (e) {
    throw new StrnnError('CHECKPOINT', `${source}: info.face.preprocess: ${(e as Error).message}`);
  }
  const g = faceGridSize(cfg);
  const { model } = ckpt;
  const problems = [
    cfg.T !== model.config.T && `T = ${cfg.T} frames but the model has T = ${model.config.T}`,
    g * g !== model.nodes && `${g} x ${g} patches but the model has ${model.nodes} nodes`,
    cfg.patch * cfg.patch !== model.config.dIn && `${cfg.patch} x ${cfg.patch}-pixel patches but the model has d_in = ${model.config.dIn}`,
    (model.montage.rows !== g || model.montage.cols !== g) && `a ${g} x ${g} patch grid but the montage is ${model.montage.rows} x ${model.montage.cols}`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length) throw new StrnnError('CHECKPOINT', `${source}: info.face does not match the model: ${problems.join('; ')}`);
  return { preprocess: cfg, ...(parsed.data.dataset !== undefined && { dataset: parsed.data.dataset }), ...(parsed.data.alignment !== undefined && { alignment: parsed.data.alignment }) };
}
