// Landmarks for faces that come without landmark files (MMI, user videos, single images).
//
// A detector is anything with `detect(frame) -> Promise<68 points | undefined>` and a stable `id` that
// goes into preprocessing cache keys. strnn's own is createFaceApiDetector (face-api-detector.ts):
// face-api's SSD MobileNet v1 face detector plus its 68-point landmark network, weights shipped in
// the npm package, run offline by TensorFlow.js on its WASM backend. Detection is asynchronous
// because TensorFlow.js is. Loaders without landmark files (MMI) use it by default, once per sequence
// (detectSequenceEyes below says why), and record per sequence how it was aligned. The centred-square
// crop (align.ts centredCropAffine: side 0.6 · min(width, height), centred) remains as the explicit
// opt-out (alignment 'centred-crop') and as the fallback when no face is found.
import { StrnnError } from '../util/errors.js';
import type { GrayImage } from './gray-image.js';
import { eyeCentres, type EyeCentres, type Point } from './landmarks.js';

/** Returns the 68 landmarks of the main face in a frame, or undefined when none is found. */
export type LandmarkDetector = (frame: GrayImage) => Promise<Point[] | undefined>;

/** A detector plus a stable id that goes into preprocessing cache keys. */
export interface NamedLandmarkDetector {
  id: string;
  detect: LandmarkDetector;
}

/** Eye centres from the detector, or undefined without one or without a face. */
export async function detectEyes(frame: GrayImage, detector?: NamedLandmarkDetector): Promise<EyeCentres | undefined> {
  const pts = detector ? await detector.detect(frame) : undefined;
  return pts ? eyeCentres(pts) : undefined;
}

/** How faces without landmark files are to be aligned: by detected eyes, or the centred square crop. */
export type FaceAlignmentMode = 'landmarks' | 'centred-crop';
export const FACE_ALIGNMENT_MODES: readonly FaceAlignmentMode[] = ['landmarks', 'centred-crop'];

/** The mode (default 'landmarks') after checking it; a CONFIG error names `what` otherwise. */
export function checkAlignmentMode(mode: FaceAlignmentMode | undefined, what: string): FaceAlignmentMode {
  const m = mode ?? 'landmarks';
  if (!FACE_ALIGNMENT_MODES.includes(m)) {
    throw new StrnnError('CONFIG', `unknown ${what} alignment '${String(m)}'`, `alignments: ${FACE_ALIGNMENT_MODES.join(', ')}`);
  }
  return m;
}

/** How a sequence's frames were aligned. */
export type SequenceAlignment =
  /** By the eye centres detected on one frame (the apex, else the first or last selected frame). */
  | 'landmarks'
  /** Centred-square crop because no detector was used (opt-out, or face-api not installed). */
  | 'centred-crop'
  /** Centred-square crop because the detector found no face in the frames it searched. */
  | 'centred-crop-no-face';

export interface SequenceEyes {
  /** Eye centres per frame (the same for every frame), or all undefined for the centred crop. */
  eyes: (EyeCentres | undefined)[];
  alignment: SequenceAlignment;
  /** Index (into the selected frames) of the frame whose landmarks align the sequence. */
  landmarkFrame?: number;
  /** Frames the detector ran on. */
  framesSearched: number;
}

/**
 * Locates the eyes once per sequence, on the apex frame, and aligns every selected frame with them.
 * The T frames are consecutive video frames around the apex, the phase where an expression is held,
 * so the head barely moves across them; one alignment keeps each patch on the same part of the face
 * in every time slice, where per-frame detection would add its own frame-to-frame jitter (which the
 * temporal RNN would see as motion) and cost T detector runs instead of one. When the apex frame has
 * no face, the first and then the last selected frame are tried: they are the frames least like the
 * apex (its direct neighbours usually fail the same way), and three tries bound the cost of a clip
 * with no findable face. With no face in any of them the whole sequence uses the centred crop, so its
 * frames stay comparable.
 */
export async function detectSequenceEyes(frames: readonly GrayImage[], apexIndex: number, detector?: NamedLandmarkDetector): Promise<SequenceEyes> {
  if (!detector) return { eyes: frames.map(() => undefined), alignment: 'centred-crop', framesSearched: 0 };
  if (!Number.isInteger(apexIndex) || apexIndex < 0 || apexIndex >= frames.length) {
    throw new StrnnError('INPUT', `apex index ${apexIndex} is outside the sequence's frames 0..${frames.length - 1}`);
  }
  const order = [...new Set([apexIndex, 0, frames.length - 1])];
  let searched = 0;
  for (const i of order) {
    searched++;
    const eyes = await detectEyes(frames[i]!, detector);
    if (eyes) return { eyes: frames.map(() => eyes), alignment: 'landmarks', landmarkFrame: i, framesSearched: searched };
  }
  return { eyes: frames.map(() => undefined), alignment: 'centred-crop-no-face', framesSearched: searched };
}
