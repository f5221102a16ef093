// Model input from a face the user brings: a video file, or still images (one photo, or exported
// frames in time order). Same pipeline as the datasets (preprocess.ts): T frames are chosen, aligned
// by the eyes the landmark detector finds (detect-landmarks.ts detectSequenceEyes: one detection per
// sequence, on a key frame, then the first and last chosen frame; the centred crop with a warning
// when none has a face), cut into patches, and returned as one T x N x dIn sample with a record of
// what was done. Pass the face config of the checkpoint you will predict with
// (face-checkpoint.ts faceConfigFromCheckpoint): features made with another config do not match the
// model's training crops.
//
// Choosing the T frames (`frames`):
// - 'last' (default): the last T frames, as for CK+ (neutral -> peak clips end on the expression).
//   The key frame for detection is the last one.
// - 'centred': T consecutive frames centred on frame `centre` (0-based; default the middle frame),
//   as MMI is cut around its apex. The key frame is `centre`.
// - 'spread': T frames evenly spaced from first to last (frames.ts selectSpreadFrames), for a clip
//   whose expression is not at a known place. The key frame is the middle chosen frame.
// With fewer frames than T, 'last' and 'centred' repeat the first frame at the front, as the CK+ and
// MMI loaders do with short sequences (so the model sees what its training data looked like), and
// 'spread' repeats frames evenly; it is not an error. A single image is therefore T copies of one
// still face: the temporal RNN sees no motion, only the expression itself.
//
// Memory: videos are streamed (ffmpeg.ts streamVideoGray) and only the chosen frames are kept, so a
// long phone video does not have to fit in memory. 'last', and 'centred' with an explicit centre,
// decode once; 'spread' and 'centred' on the middle frame need the frame count first, so they decode
// twice.
import { existsSync } from 'node:fs';
import { StrnnError } from '../util/errors.js';
import { checkAlignmentMode, detectSequenceEyes, type FaceAlignmentMode, type NamedLandmarkDetector, type SequenceAlignment } from './detect-landmarks.js';
import { landmarkDetectorOrWarn, warnToStderr } from './face-api-detector.js';
import { streamVideoGray } from './ffmpeg.js';
import { selectAroundApex, selectLastFrames, selectSpreadFrames } from './frames.js';
import { makeGrayImage, type GrayImage } from './gray-image.js';
import { readGrayImageFile } from './image-file.js';
import { faceConfig, faceGridSize, sequenceFeatures, type FacePreprocessConfig } from './preprocess.js';

export type FaceFrameSelection = 'last' | 'centred' | 'spread';
export const FACE_FRAME_SELECTIONS: readonly FaceFrameSelection[] = ['last', 'centred', 'spread'];

export interface FaceInputOptions {
  /** Preprocessing; pass the checkpoint's (faceConfigFromCheckpoint). Default faceConfig(). */
  preprocess?: Partial<FacePreprocessConfig>;
  /** Which T frames (default 'last'). */
  frames?: FaceFrameSelection;
  /** 0-based frame for frames 'centred' (default the middle frame). */
  centre?: number;
  /** 'landmarks' (default): align by detected eyes; 'centred-crop': skip detection, cut the centred square. */
  alignment?: FaceAlignmentMode;
  /** Landmark detector for 'landmarks' (default: createFaceApiDetector(), when face-api is installed). */
  detector?: NamedLandmarkDetector;
  /** ffmpeg binary for videos (default: system ffmpeg, else @ffmpeg-installer/ffmpeg). */
  ffmpeg?: string;
  /** Receives one-line warnings (no face found, detector not installed); default: stderr. */
  onWarning?: (message: string) => void;
}

/** One face sequence ready for the model, and how it was made. */
export interface FaceInput {
  /** T x nodes x features values (one sample). */
  data: Float32Array;
  T: number;
  nodes: number;
  features: number;
  /** The video, or the image files in the order given. */
  sources: string[];
  /** Frames in the video, or images given. */
  sourceFrames: number;
  /** 0-based video frame (or image position) of each of the T time slices. */
  frames: number[];
  selection: FaceFrameSelection;
  /** 'landmarks', 'centred-crop' (no detector) or 'centred-crop-no-face' (none found). */
  alignment: SequenceAlignment;
  /** 0-based video frame (or image position) whose detected eyes aligned the sequence. */
  landmarkFrame?: number;
  /** Frames the detector ran on. */
  framesSearched: number;
}

function checkOptions(o: FaceInputOptions): { selection: FaceFrameSelection; mode: FaceAlignmentMode } {
  const selection = o.frames ?? 'last';
  if (!FACE_FRAME_SELECTIONS.includes(selection)) {
    throw new StrnnError('CONFIG', `unknown face frame selection '${String(selection)}'`, `selections: ${FACE_FRAME_SELECTIONS.join(', ')}`);
  }
  const mode = checkAlignmentMode(o.alignment, 'face');
  if (o.centre !== undefined && selection !== 'centred') {
    throw new StrnnError('CONFIG', `a centre frame (${o.centre}) only applies to the 'centred' frame selection, not '${selection}'`);
  }
  if (o.centre !== undefined && (!Number.isInteger(o.centre) || o.centre < 0)) {
    throw new StrnnError('CONFIG', `the centre frame must be a 0-based frame index (integer >= 0), found ${o.centre}`);
  }
  return { selection, mode };
}

/** The chosen frame indices and the key frame (the one detection tries first). */
function choose(count: number, T: number, selection: FaceFrameSelection, centre: number | undefined, source: string): { indices: number[]; key: number } {
  if (selection === 'last') {
    const indices = selectLastFrames(count, T);
    return { indices, key: indices[T - 1]! };
  }
  if (selection === 'spread') {
    const indices = selectSpreadFrames(count, T);
    return { indices, key: indices[Math.floor((T - 1) / 2)]! };
  }
  const c = centre ?? Math.floor((count - 1) / 2);
  if (c >= count) throw new StrnnError('INPUT', `${source}: centre frame ${c} is beyond the last frame (${count} frames, 0-based 0..${count - 1})`);
  return { indices: selectAroundApex(count, T, c), key: c };
}

/** Aligns and patches the chosen frames (`byIndex`: source frame index -> image). */
async function build(
  sources: string[], sourceFrames: number, byIndex: Map<number, GrayImage>, indices: number[], key: number,
  selection: FaceFrameSelection, cfg: FacePreprocessConfig, o: FaceInputOptions, mode: FaceAlignmentMode,
): Promise<FaceInput> {
  const warn = o.onWarning ?? warnToStderr;
  const what = sources.length === 1 ? sources[0]! : `${sources[0]} (+${sources.length - 1} more images)`;
  // one alignment serves every frame, so frames of another size would be cut at the wrong place
  const first = byIndex.get(indices[0]!)!;
  for (const i of indices) {
    const f = byIndex.get(i)!;
    if (f.width !== first.width || f.height !== first.height) {
      throw new StrnnError('INPUT', `${sources.length > 1 ? sources[i] : `${what} frame ${i}`}: ${f.width}x${f.height} pixels, expected ${first.width}x${first.height} like ${sources.length > 1 ? sources[indices[0]!] : `frame ${indices[0]}`}`, 'every frame of one face sequence must have the same size');
    }
  }
  const detector = mode === 'centred-crop' ? undefined : landmarkDetectorOrWarn(o.detector, warn, 'faces');
  // detect on distinct frames only: a repeated frame (a single image, padding) would be tried twice
  const distinct = [...new Set(indices)];
  const found = await detectSequenceEyes(distinct.map((i) => byIndex.get(i)!), distinct.indexOf(key), detector);
  if (found.alignment === 'centred-crop-no-face') {
    warn(`${what}: no face found on frame${found.framesSearched > 1 ? 's' : ''} ${[...new Set([key, distinct[0]!, distinct[distinct.length - 1]!])].join(', ')}; using the centred crop`);
  }
  const eyes = found.eyes[0];
  const g = faceGridSize(cfg);
  return {
    data: sequenceFeatures(indices.map((i) => byIndex.get(i)!), indices.map(() => eyes), cfg),
    T: cfg.T, nodes: g * g, features: cfg.patch * cfg.patch,
    sources, sourceFrames, frames: indices, selection,
    alignment: found.alignment,
    ...(found.landmarkFrame !== undefined && { landmarkFrame: distinct[found.landmarkFrame]! }),
    framesSearched: found.framesSearched,
  };
}

/**
 * A face video (any format ffmpeg reads) as one model sample: T frames chosen by `frames`, aligned by
 * detected eyes (or the centred crop), preprocessed with `preprocess`.
 */
export async function readFaceVideo(path: string, opts: FaceInputOptions = {}): Promise<FaceInput> {
  const cfg = faceConfig(opts.preprocess);
  const { selection, mode } = checkOptions(opts);
  const T = cfg.T;
  // frames are kept as bytes and turned into float images only once chosen: 'last' keeps every
  // frame for a moment, and converting each one cost more than decoding it
  const raw = new Map<number, { px: Uint8Array; w: number; h: number }>();
  const keep = (i: number, px: Uint8Array, w: number, h: number) => raw.set(i, { px: Uint8Array.from(px), w, h });
  let count: number;
  if (selection === 'last') {
    // the last T frames are unknown until the end: keep a window of the latest T (frame 0 as well,
    // which pads a clip shorter than T)
    count = (await streamVideoGray(path, (i, px, w, h) => {
      keep(i, px, w, h);
      if (i - T >= 1) raw.delete(i - T);
    }, opts.ffmpeg)).frames;
  } else if (selection === 'centred' && opts.centre !== undefined) {
    // the chosen frames lie within T of the centre whatever the clip's length (selectAroundApex only
    // shifts the window back inside the clip), plus frame 0 for padding
    const c = opts.centre;
    count = (await streamVideoGray(path, (i, px, w, h) => {
      if (i === 0 || Math.abs(i - c) <= T) keep(i, px, w, h);
    }, opts.ffmpeg)).frames;
  } else {
    count = (await streamVideoGray(path, () => undefined, opts.ffmpeg)).frames;
    const wanted = new Set(choose(count, T, selection, opts.centre, path).indices);
    const again = (await streamVideoGray(path, (i, px, w, h) => {
      if (wanted.has(i)) keep(i, px, w, h);
    }, opts.ffmpeg)).frames;
    if (again !== count) throw new StrnnError('FORMAT', `${path}: ffmpeg decoded ${count} frames, then ${again} from the same file`);
  }
  const { indices, key } = choose(count, T, selection, opts.centre, path);
  const kept = new Map<number, GrayImage>();
  for (const i of new Set(indices)) {
    const f = raw.get(i)!;
    kept.set(i, makeGrayImage(f.w, f.h, Float32Array.from(f.px)));
  }
  return build([path], count, kept, indices, key, selection, cfg, opts, mode);
}

/**
 * Still images (PNG or JPEG), in time order, as one model sample: T of them chosen by `frames` (a
 * single image, or fewer than T, is repeated as the module comment says), aligned by the eyes
 * detected on the key image (or the centred crop). Every image must have the same size.
 */
export async function readFaceImages(paths: readonly string[], opts: FaceInputOptions = {}): Promise<FaceInput> {
  const cfg = faceConfig(opts.preprocess);
  const { selection, mode } = checkOptions(opts);
  if (paths.length === 0) throw new StrnnError('INPUT', 'no face images given; expected one or more PNG or JPEG files in time order');
  for (const p of paths) {
    if (!existsSync(p)) throw new StrnnError('NOT_FOUND', `${p}: image file does not exist`);
  }
  const { indices, key } = choose(paths.length, cfg.T, selection, opts.centre, paths[0]!);
  const byIndex = new Map<number, GrayImage>();
  for (const i of new Set(indices)) byIndex.set(i, readGrayImageFile(paths[i]!));
  return build([...paths], paths.length, byIndex, indices, key, selection, cfg, opts, mode);
}
