// The face pipeline, one frame at a time: align (similarity by the eye centres, or the centred-crop
// fallback when a frame has no landmarks) -> bilinear warp to a cropSize x cropSize gray crop ->
// per-frame normalisation -> patch features (N = (cropSize/patch)² nodes, dIn = patch² features).
// A sequence's T selected frames give one FeatureTrial's data, shape T x N x dIn.
import { StrnnError } from '../util/errors.js';
import { gridMontage, type Montage } from '../montage/montage.js';
import { centredCropAffine, defaultEyePositions, similarityFromEyes } from './align.js';
import type { GrayImage } from './gray-image.js';
import type { EyeCentres } from './landmarks.js';
import { normalizeFrame } from './normalize-frame.js';
import { patchFeatures } from './patches.js';
import { warpAffine } from './warp.js';


/** The folders of dist/src whose code prepares face sequences (the face caches' keys fingerprint them). */
export const FACE_CODE = ['face', 'datasets', 'util', 'formats'];
export interface FacePreprocessConfig {
  /** Frames per sequence = model time slices (default 9). */
  T: number;
  /** Side of the square aligned crop in pixels (default 64). */
  cropSize: number;
  /** Side of one square patch in pixels (default 8); cropSize must be a multiple of it. */
  patch: number;
  /** Where alignment puts the eye centres in the crop (default defaultEyePositions(cropSize)). */
  eyes: EyeCentres;
  /** 'frame': zero mean, unit variance per crop (default); 'none': raw 0-255 gray levels. */
  normalize: 'frame' | 'none';
  /** Side of the centred square used when a frame has no landmarks, as a fraction of min(width, height). */
  centredCropFraction: number;
}

export function faceConfig(partial: Partial<FacePreprocessConfig> = {}): FacePreprocessConfig {
  const cropSize = partial.cropSize ?? 64;
  const cfg: FacePreprocessConfig = {
    T: partial.T ?? 9,
    cropSize,
    patch: partial.patch ?? 8,
    eyes: partial.eyes ?? defaultEyePositions(cropSize),
    normalize: partial.normalize ?? 'frame',
    centredCropFraction: partial.centredCropFraction ?? 0.6,
  };
  if (!Number.isInteger(cfg.T) || cfg.T < 1) throw new StrnnError('CONFIG', `face T must be a positive integer, found ${cfg.T}`);
  if (!Number.isInteger(cfg.cropSize) || !Number.isInteger(cfg.patch) || cfg.patch < 1 || cfg.cropSize < cfg.patch || cfg.cropSize % cfg.patch !== 0) {
    throw new StrnnError('CONFIG', `face cropSize ${cfg.cropSize} must be a positive multiple of patch ${cfg.patch}`);
  }
  if (cfg.normalize !== 'frame' && cfg.normalize !== 'none') throw new StrnnError('CONFIG', `face normalize must be 'frame' or 'none', found ${String(cfg.normalize)}`);
  return cfg;
}

/** Grid rows (= cols) of patches. */
export function faceGridSize(cfg: FacePreprocessConfig): number {
  return cfg.cropSize / cfg.patch;
}

/** The node montage of face features: gridMontage(g, g), g = cropSize / patch (8x8 by default). */
export function faceMontage(cfg: FacePreprocessConfig = faceConfig()): Montage {
  const g = faceGridSize(cfg);
  return gridMontage(g, g);
}

/** Aligned (and, by default, normalised) cropSize x cropSize crop of one frame. */
export function alignedCrop(frame: GrayImage, eyes: EyeCentres | undefined, cfg: FacePreprocessConfig): Float32Array {
  const map = eyes
    ? similarityFromEyes(eyes, cfg.eyes)
    : centredCropAffine(frame.width, frame.height, cfg.cropSize, cfg.centredCropFraction);
  const crop = warpAffine(frame, map, cfg.cropSize, cfg.cropSize);
  return cfg.normalize === 'frame' ? normalizeFrame(crop) : crop;
}

/** T x N x dIn features of T already selected frames, each with its eye centres (or undefined). */
export function sequenceFeatures(frames: readonly GrayImage[], eyes: readonly (EyeCentres | undefined)[], cfg: FacePreprocessConfig): Float32Array {
  if (frames.length !== cfg.T || eyes.length !== cfg.T) {
    throw new StrnnError('INPUT', `face sequence features need T = ${cfg.T} frames with eye centres, found ${frames.length} frames and ${eyes.length} eye entries`);
  }
  const g = faceGridSize(cfg);
  const perFrame = g * g * cfg.patch * cfg.patch;
  const out = new Float32Array(cfg.T * perFrame);
  frames.forEach((frame, t) => {
    patchFeatures(alignedCrop(frame, eyes[t], cfg), cfg.cropSize, { rows: g, cols: g, patch: cfg.patch }, out, t * perFrame);
  });
  return out;
}
