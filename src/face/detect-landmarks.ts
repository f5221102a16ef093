// Landmarks for faces that come without landmark files (MMI, user videos).
//
// strnn ships no face landmark detector. The candidate npm detector (@vladmandic/face-api: 68-point
// models whose weights ship inside the package) needs TensorFlow.js packages besides itself
// (@tensorflow/tfjs-core plus a CPU or WASM backend; tfjs-node cannot be installed here), and its
// networks, trained on photographs, do not find the drawn faces of the synthetic trees, so it could
// be neither added nor tested in this project. Instead:
// - by default a frame without landmarks is cropped by the documented centred-square fallback
//   (align.ts centredCropAffine: side 0.6 · min(width, height), centred), which assumes a centred,
//   upright frontal face of roughly that size, as in MMI's frontal view, but does not locate it;
// - callers can plug in any detector through this interface (e.g. face-api in their own code).
import type { GrayImage } from './gray-image.js';
import { eyeCentres, type EyeCentres, type Point } from './landmarks.js';

/** Returns the 68 landmarks of the main face in a frame, or undefined when none is found. */
export type LandmarkDetector = (frame: GrayImage) => Point[] | undefined;

/** A detector plus a stable id that goes into preprocessing cache keys. */
export interface NamedLandmarkDetector {
  id: string;
  detect: LandmarkDetector;
}

/** Eye centres from the detector, or undefined (centred-crop fallback) without one or without a face. */
export function detectEyes(frame: GrayImage, detector?: NamedLandmarkDetector): EyeCentres | undefined {
  const pts = detector?.detect(frame);
  return pts ? eyeCentres(pts) : undefined;
}
