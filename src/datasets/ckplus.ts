// CK+ reader: face sequences -> FeatureTrials for STRNN.
//
// Source: P. Lucey, J. F. Cohn, T. Kanade, J. Saragih, Z. Ambadar, I. Matthews, "The Extended
// Cohn-Kanade Dataset (CK+)", CVPR Workshops 2010 (licensed; request it from the authors at
// https://www.jeffcohn.net/Resources/). 593 sequences of 123 subjects, each running from a neutral
// first frame to the peak expression in the last frame; 327 sequences carry an emotion label.
//
// Folder tree (either image folder spelling):
//
//   <root>/cohn-kanade-images/S005/001/S005_001_00000001.png ...   640x490 or 640x480, gray or RGB PNG
//   <root>/Landmarks/S005/001/S005_001_00000001_landmarks.txt       one per frame: 68 lines "x y"
//   <root>/Emotion/S005/001/S005_001_00000011_emotion.txt           peak frame only: "   3.0000000e+00"
//   <root>/FACS/S005/001/S005_001_00000011_facs.txt                 lines "AU intensity"
//
// Labels: emotion codes 1..7 -> classes 0..6 (ckplus-facts.ts); a missing or empty Emotion folder,
// or code 0 (neutral), means unlabelled, and the sequence is skipped by loadCkPlusTrials.
//
// Output: one FeatureTrial per labelled sequence, dataset 'ckplus', subject 'S005', session 1,
// trial = sequence number (001 -> 1), windows = T (default 9: the last T frames, ending on the peak),
// nodes = 64 patches (8x8 grid, gridMontage(8, 8) order), features = 64 normalised pixels per patch.
//
// Three steps, each usable alone: listCkPlusSequences (file names only), readCkPlusSequence (decode,
// align, extract features of one sequence), loadCkPlusTrials (all labelled sequences, with cache).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StrnnError } from '../util/errors.js';
import { cacheKey, codeFingerprint, fileFingerprints, readCache, writeCache, type CacheStats } from '../util/value-cache.js';
import { selectLastFrames } from '../face/frames.js';
import { eyeCentres, parseLandmarks } from '../face/landmarks.js';
import { decodeGrayPng } from '../face/png.js';
import { FACE_CODE, faceConfig, faceGridSize, sequenceFeatures, type FacePreprocessConfig } from '../face/preprocess.js';
import { CKPLUS_IMAGE_FOLDERS, ckPlusClassOfCode } from './ckplus-facts.js';
import type { FeatureTrial } from './types.js';

/** One sequence's files, as found on disk (nothing decoded yet). */
export interface CkPlusSequence {
  /** Subject folder name, e.g. 'S005'. */
  subject: string;
  /** Sequence number parsed from the folder name ('001' -> 1). */
  sequence: number;
  /** Sequence folder name as on disk, e.g. '001'. */
  sequenceName: string;
  /** Frame PNGs sorted by frame number. */
  frames: string[];
  /** Frame numbers parsed from the PNG names (same order as frames). */
  frameNumbers: number[];
  /** Landmark file of each frame (same order as frames); undefined where the file is missing. */
  landmarks: (string | undefined)[];
  emotionFile?: string;
  facsFile?: string;
}

export interface FacsCode {
  au: number;
  intensity: number;
}

/** A CK+ FeatureTrial with the sequence's annotation metadata. */
export interface CkPlusTrial extends FeatureTrial {
  /** Emotion file code (1..7). */
  emotionCode: number;
  /** FACS codes of the peak frame (empty when the sequence has no FACS file). */
  facs: FacsCode[];
  /** Frames in the sequence on disk (before selecting T). */
  sequenceFrames: number;
}

export interface CkPlusLoadOptions {
  preprocess?: Partial<FacePreprocessConfig>;
  /** Cache folder (default <root>/.strnn-cache/ckplus), or false to always recompute. */
  cache?: string | false;
  /** Incremented with each cache hit / miss. */
  stats?: CacheStats;
  /** Called after each sequence is loaded. */
  onProgress?: (done: number, total: number) => void;
}

const SUBJECT_RE = /^S\d+$/;
const SEQUENCE_RE = /^\d+$/;
const FRAME_RE = /^(S\d+)_(\d+)_(\d+)\.png$/i;
const LANDMARK_RE = /^(S\d+)_(\d+)_(\d+)_landmarks\.txt$/i;

function listDir(path: string): string[] {
  return readdirSync(path).filter((n) => !n.startsWith('.')).sort();
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The image folder under root (either spelling). */
export function ckPlusImageFolder(root: string): string {
  for (const name of CKPLUS_IMAGE_FOLDERS) {
    const p = join(root, name);
    if (isDir(p)) return p;
  }
  throw new StrnnError('NOT_FOUND', `${root}: no CK+ image folder (expected ${CKPLUS_IMAGE_FOLDERS.join(' or ')})`, 'point the path at the folder that holds cohn-kanade-images/, Landmarks/ and Emotion/');
}

/** The single file in `dir` whose name ends with `suffix`, or undefined when the folder is missing or empty. */
function singleFile(dir: string, suffix: string): string | undefined {
  if (!isDir(dir)) return undefined;
  const found = listDir(dir).filter((n) => n.endsWith(suffix));
  if (found.length > 1) throw new StrnnError('INPUT', `${dir}: expected at most one *${suffix} file, found ${found.length} (${found.join(', ')})`);
  return found.length ? join(dir, found[0]!) : undefined;
}

/** Lists every sequence: subjects sorted numerically, sequences numerically, frames by frame number. */
export function listCkPlusSequences(root: string): CkPlusSequence[] {
  const images = ckPlusImageFolder(root);
  const num = (s: string) => Number(s.replace(/^S/, ''));
  const subjects = listDir(images).filter((n) => isDir(join(images, n)));
  for (const s of subjects) {
    if (!SUBJECT_RE.test(s)) throw new StrnnError('INPUT', `${join(images, s)}: expected a subject folder named like S005`);
  }
  subjects.sort((a, b) => num(a) - num(b));
  const out: CkPlusSequence[] = [];
  for (const subject of subjects) {
    const seqNames = listDir(join(images, subject)).filter((n) => isDir(join(images, subject, n)));
    for (const q of seqNames) {
      if (!SEQUENCE_RE.test(q)) throw new StrnnError('INPUT', `${join(images, subject, q)}: expected a sequence folder named like 001`);
    }
    seqNames.sort((a, b) => Number(a) - Number(b));
    for (const sequenceName of seqNames) {
      const dir = join(images, subject, sequenceName);
      const frames: { path: string; n: number }[] = [];
      for (const name of listDir(dir)) {
        if (!name.toLowerCase().endsWith('.png')) continue;
        const m = FRAME_RE.exec(name);
        if (!m || m[1] !== subject || Number(m[2]) !== Number(sequenceName)) {
          throw new StrnnError('INPUT', `${join(dir, name)}: expected a frame named ${subject}_${sequenceName}_<frame>.png`);
        }
        frames.push({ path: join(dir, name), n: Number(m[3]) });
      }
      if (frames.length === 0) throw new StrnnError('INPUT', `${dir}: expected frame PNGs ${subject}_${sequenceName}_<frame>.png, found none`);
      frames.sort((a, b) => a.n - b.n);
      const lmDir = join(root, 'Landmarks', subject, sequenceName);
      const lmByFrame = new Map<number, string>();
      if (isDir(lmDir)) {
        for (const name of listDir(lmDir)) {
          const m = LANDMARK_RE.exec(name);
          if (m && m[1] === subject && Number(m[2]) === Number(sequenceName)) lmByFrame.set(Number(m[3]), join(lmDir, name));
        }
      }
      const seq: CkPlusSequence = {
        subject, sequence: Number(sequenceName), sequenceName,
        frames: frames.map((f) => f.path), frameNumbers: frames.map((f) => f.n),
        landmarks: frames.map((f) => lmByFrame.get(f.n)),
      };
      const emotionFile = singleFile(join(root, 'Emotion', subject, sequenceName), '_emotion.txt');
      if (emotionFile) seq.emotionFile = emotionFile;
      const facsFile = singleFile(join(root, 'FACS', subject, sequenceName), '_facs.txt');
      if (facsFile) seq.facsFile = facsFile;
      out.push(seq);
    }
  }
  return out;
}

/** Emotion file text -> code 0..7 (one number, e.g. "   3.0000000e+00"). */
export function parseEmotionFile(text: string, source: string): number {
  const parts = text.trim().split(/\s+/).filter((p) => p.length > 0);
  const code = Number(parts[0]);
  if (parts.length !== 1 || !Number.isInteger(code) || code < 0 || code > 7) {
    throw new StrnnError('INPUT', `${source}: expected one emotion code 0..7 such as "   3.0000000e+00", found "${text.trim()}"`);
  }
  return code;
}

/** FACS file text -> AU codes with intensities (lines "AU intensity"; blank lines ignored). */
export function parseFacsFile(text: string, source: string): FacsCode[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0).map((line, i) => {
    const parts = line.split(/\s+/);
    const au = Number(parts[0]);
    const intensity = Number(parts[1]);
    if (parts.length !== 2 || !Number.isFinite(au) || !Number.isFinite(intensity)) {
      throw new StrnnError('INPUT', `${source}: line ${i + 1}: expected "AU intensity", found "${line}"`);
    }
    return { au, intensity };
  });
}

/** The sequence's emotion code, or undefined when it has no emotion file. */
export function readCkPlusEmotion(seq: CkPlusSequence): number | undefined {
  return seq.emotionFile ? parseEmotionFile(readFileSync(seq.emotionFile, 'utf8'), seq.emotionFile) : undefined;
}

/** Decodes, aligns and patches the sequence's last T frames: T x N x dIn features. */
export function readCkPlusSequence(seq: CkPlusSequence, config: Partial<FacePreprocessConfig> = {}): Float32Array {
  const cfg = faceConfig(config);
  const chosen = selectLastFrames(seq.frames.length, cfg.T);
  const frames = chosen.map((i) => decodeGrayPng(readFileSync(seq.frames[i]!), seq.frames[i]!));
  const eyes = chosen.map((i) => {
    const lm = seq.landmarks[i];
    if (!lm) {
      const expected = join('Landmarks', seq.subject, seq.sequenceName, `${seq.subject}_${seq.sequenceName}_${String(seq.frameNumbers[i]).padStart(8, '0')}_landmarks.txt`);
      throw new StrnnError('NOT_FOUND', `${seq.frames[i]}: no landmark file for this frame (expected ${expected})`);
    }
    return eyeCentres(parseLandmarks(readFileSync(lm, 'utf8'), lm));
  });
  return sequenceFeatures(frames, eyes, cfg);
}

/** Wraps one sequence's features as a CK+ FeatureTrial. */
export function ckPlusTrial(seq: CkPlusSequence, emotionCode: number, data: Float32Array, config: Partial<FacePreprocessConfig> = {}): CkPlusTrial {
  const cfg = faceConfig(config);
  const label = ckPlusClassOfCode(emotionCode);
  if (label === undefined) throw new StrnnError('INPUT', `${seq.emotionFile ?? seq.subject}: emotion code ${emotionCode} is not a training class (expected 1..7)`);
  const g = faceGridSize(cfg);
  const trial: CkPlusTrial = {
    dataset: 'ckplus', subject: seq.subject, session: 1, trial: seq.sequence, label,
    windows: cfg.T, nodes: g * g, features: cfg.patch * cfg.patch, data,
    emotionCode, facs: seq.facsFile ? parseFacsFile(readFileSync(seq.facsFile, 'utf8'), seq.facsFile) : [], sequenceFrames: seq.frames.length,
  };
  if (data.length !== trial.windows * trial.nodes * trial.features) {
    throw new StrnnError('INPUT', `${seq.subject}/${seq.sequenceName}: features hold ${data.length} values, expected ${trial.windows} x ${trial.nodes} x ${trial.features}`);
  }
  return trial;
}

/** Cache key of one sequence: preprocessing config + names, sizes and mtimes of every frame and landmark file. */
export function ckPlusCacheKey(seq: CkPlusSequence, cfg: FacePreprocessConfig): string {
  const sources = [...seq.frames, ...seq.landmarks.filter((p): p is string => p !== undefined)];
  return cacheKey({ format: 'strnn-ckplus-features-1', code: codeFingerprint(FACE_CODE), config: cfg, sources: fileFingerprints(sources) });
}

/** Every labelled CK+ sequence (codes 1..7) as a FeatureTrial; unlabelled and neutral ones are skipped. */
export async function loadCkPlusTrials(root: string, opts: CkPlusLoadOptions = {}): Promise<CkPlusTrial[]> {
  const cfg = faceConfig(opts.preprocess);
  const cacheDir = opts.cache === false ? undefined : (opts.cache ?? join(root, '.strnn-cache', 'ckplus'));
  const labelled = listCkPlusSequences(root)
    .map((seq) => ({ seq, code: readCkPlusEmotion(seq) }))
    .filter((s): s is { seq: CkPlusSequence; code: number } => s.code !== undefined && ckPlusClassOfCode(s.code) !== undefined);
  const g = faceGridSize(cfg);
  const length = cfg.T * g * g * cfg.patch * cfg.patch;
  const trials: CkPlusTrial[] = [];
  for (const [i, { seq, code }] of labelled.entries()) {
    let data: Float32Array | undefined;
    const key = cacheDir ? ckPlusCacheKey(seq, cfg) : '';
    if (cacheDir) data = readCache(cacheDir, key, length);
    if (data) {
      if (opts.stats) opts.stats.hits++;
    } else {
      data = readCkPlusSequence(seq, cfg);
      if (cacheDir) writeCache(cacheDir, key, data);
      if (opts.stats) opts.stats.misses++;
    }
    trials.push(ckPlusTrial(seq, code, data, cfg));
    opts.onProgress?.(i + 1, labelled.length);
    // let other work (progress output, signals) run between sequences
    if (i % 16 === 15) await new Promise((r) => setImmediate(r));
  }
  return trials;
}
