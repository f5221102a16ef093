// Synthetic CK+ and MMI trees in the real folder layouts, so the face pipeline, the loaders, the
// protocol and the benchmarks run without the licensed datasets.
//
// Each subject has its own face geometry (face shape, eye spacing, brow height, mouth size), resting
// expression, gray levels, hairline, position, scale and slight roll. Each sequence animates the
// subject's face from neutral to a class-specific peak (synthetic-faces-model.ts) with a random
// intensity, per-parameter jitter and slight head motion; frames carry Gaussian pixel noise and the
// landmark files carry ~0.6 px of tracking noise. Learnable, not trivial: fear and surprise, and
// anger, disgust and sadness, share movements.
//
// CK+: 640x490 gray PNGs neutral -> peak, a landmark file per frame, an emotion file and a FACS file
// for the peak frame of labelled sequences; unlabelled sequences have no Emotion folder or an empty one.
// MMI: 720x576 lossless .avi (needs ffmpeg) onset -> apex -> offset, session.xml, <sid>.xml with the
// Emotion metatag, and <sid>-oao_aucs.xml with onset / apex / offset markers; no landmark files.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StrnnError } from '../util/errors.js';
import { Rng } from '../util/random.js';
import { writeDirAtomic } from '../util/atomic-write.js';
import { checkSyntheticOutput, finishSyntheticOutput } from './output.js';
import { encodeVideoGray, requireFfmpeg } from '../face/ffmpeg.js';
import { formatLandmarks, type Point } from '../face/landmarks.js';
import { encodeGrayPng } from '../face/png.js';
import type { GrayImage } from '../face/gray-image.js';
import { CKPLUS_CLASSES, CKPLUS_CLASS_COUNTS, CKPLUS_SUBJECTS } from '../datasets/ckplus-facts.js';
import { MMI_CLASSES, MMI_FPS, MMI_HEIGHT, MMI_MARKER, MMI_WIDTH } from '../datasets/mmi-facts.js';
import {
  addExpressions, faceLandmarks, jitterExpression, PEAK_ACTION_UNITS, PEAK_EXPRESSIONS, randomGeometry, ramp, scaleExpression, type FaceGeometry,
} from './faces-model.js';
import { renderFace, toImage, type Appearance, type Pose } from './faces-render.js';

export type SyntheticFaceFormat = 'ckplus' | 'mmi';

export interface SyntheticFacesOptions {
  subjects: number;
  sequencesPerSubject: number;
  seed: number;
  /** 'real-size' (CK+ only): 123 subjects and 327 labelled sequences with CK+'s class counts. */
  preset?: 'real-size';
  /** Frames per sequence, drawn uniformly in [min, max] (CK+ default [10, 18], MMI default [24, 32]). */
  frames?: [number, number];
  /** CK+ only: extra sequences per subject without an emotion label (default 0). */
  unlabelledPerSubject?: number;
  /** Pixel noise standard deviation in gray levels (default 6). */
  noise?: number;
  /** Expression jitter relative to the default (default 1; 0 = every sequence shows its class's exact peak). */
  jitter?: number;
  /** CK+ image folder spelling (default 'cohn-kanade-images'). */
  imageFolder?: 'cohn-kanade-images' | 'extended-cohn-kanade-images';
  /** ffmpeg binary for MMI videos (default: found as in src/face/ffmpeg.ts). */
  ffmpeg?: string;
  /** Replace a previous synthetic tree in the folder (never a folder holding other files; synthetic-output.ts). */
  force?: boolean;
  /** Called after each sequence is written (`done` of `total`), for progress. */
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticFacesSummary {
  format: SyntheticFaceFormat;
  root: string;
  subjects: number;
  sequences: number;
  labelled: number;
  frames: number;
  /** Labelled sequences per class, in the format's class order. */
  classCounts: number[];
}

interface Subject {
  id: number;
  geometry: FaceGeometry;
  look: Appearance;
  pose: Pose;
  expressiveness: number;
  rng: Rng;
}

function makeSubject(id: number, rng: Rng, width: number, height: number, baseScale: number, noise: number): Subject {
  const r = rng.fork();
  return {
    id,
    geometry: randomGeometry(r),
    look: {
      background: r.uniform(50, 120), skin: r.uniform(145, 200), hair: r.uniform(20, 70), brow: r.uniform(35, 80),
      hairline: r.uniform(0.55, 0.75), noise,
    },
    pose: {
      cx: width / 2 + r.uniform(-0.04, 0.04) * width,
      cy: height / 2 + r.uniform(-0.03, 0.05) * height,
      scale: baseScale * r.uniform(0.88, 1.12),
      angle: (r.uniform(-6, 6) * Math.PI) / 180,
    },
    expressiveness: r.uniform(0.75, 1.15),
    rng: r,
  };
}

/** Renders one sequence: frames and image-space landmarks, expression weight `weight(k)` at frame k. */
function renderSequence(s: Subject, className: string | undefined, n: number, width: number, height: number, weight: (k: number) => number, jitter: number): { frames: GrayImage[]; landmarks: Point[][] } {
  const r = s.rng;
  const peakName = className ?? CKPLUS_CLASSES[r.int(CKPLUS_CLASSES.length)]!;
  const peak = jitterExpression(PEAK_EXPRESSIONS[peakName]!, r, s.expressiveness * r.uniform(0.7, 1.15), 0.35 * jitter);
  const drift = { x: r.uniform(-0.3, 0.3), y: r.uniform(-0.3, 0.3), angle: (r.uniform(-0.15, 0.15) * Math.PI) / 180 };
  const frames: GrayImage[] = [];
  const landmarks: Point[][] = [];
  for (let k = 0; k < n; k++) {
    const expr = addExpressions(s.geometry.rest, scaleExpression(peak, weight(k)));
    const pts = faceLandmarks(s.geometry, expr);
    const pose: Pose = { ...s.pose, cx: s.pose.cx + drift.x * k, cy: s.pose.cy + drift.y * k, angle: s.pose.angle + drift.angle * k };
    frames.push(renderFace(width, height, s.geometry, pts, pose, s.look, r));
    landmarks.push(pts.map((p) => {
      const q = toImage(p, pose);
      return { x: q.x + 0.6 * r.normal(), y: q.y + 0.6 * r.normal() };
    }));
  }
  return { frames, landmarks };
}

/** Class of every labelled sequence, per subject. */
export function assignSyntheticClasses(o: SyntheticFacesOptions, classCount: number, rng: Rng): number[][] {
  if (o.preset === 'real-size') {
    const labels = CKPLUS_CLASS_COUNTS.flatMap((count, c) => Array<number>(count).fill(c));
    rng.shuffle(labels);
    const perSubject: number[][] = Array.from({ length: CKPLUS_SUBJECTS }, () => []);
    labels.forEach((c, i) => perSubject[i % CKPLUS_SUBJECTS]!.push(c));
    return perSubject;
  }
  // classes dealt in turn over all sequences: balanced, and a subject with >= C sequences shows every class
  let next = 0;
  return Array.from({ length: o.subjects }, () => Array.from({ length: o.sequencesPerSubject }, () => next++ % classCount));
}

function checkOptions(format: SyntheticFaceFormat, o: SyntheticFacesOptions): void {
  if (o.preset === 'real-size' && format !== 'ckplus') throw new StrnnError('CONFIG', `synthetic faces: preset 'real-size' exists for ckplus only, found format ${format}`);
  if (o.preset !== 'real-size') {
    if (!Number.isInteger(o.subjects) || o.subjects < 1) throw new StrnnError('CONFIG', `synthetic faces: subjects must be a positive integer, found ${o.subjects}`);
    if (!Number.isInteger(o.sequencesPerSubject) || o.sequencesPerSubject < 1) {
      throw new StrnnError('CONFIG', `synthetic faces: sequencesPerSubject must be a positive integer, found ${o.sequencesPerSubject}`);
    }
  }
  const [lo, hi] = o.frames ?? [1, 1];
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) throw new StrnnError('CONFIG', `synthetic faces: frames must be integers 1 <= min <= max, found [${lo}, ${hi}]`);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const sci = (x: number) => `   ${x.toExponential(7)}`;

function writeCkPlus(tmp: string, o: SyntheticFacesOptions, summary: SyntheticFacesSummary): void {
  const W = 640, H = 490;
  const rng = new Rng(o.seed);
  const classes = assignSyntheticClasses(o, CKPLUS_CLASSES.length, rng);
  const [lo, hi] = o.frames ?? [10, 18];
  const images = join(tmp, o.imageFolder ?? 'cohn-kanade-images');
  const total = classes.reduce((n, labels) => n + labels.length + (o.unlabelledPerSubject ?? 0), 0);
  classes.forEach((labels, si) => {
    const subject = makeSubject(si, rng, W, H, 110, o.noise ?? 6);
    const sid = `S${pad(5 + 3 * si, 3)}`;
    const sequences: (number | undefined)[] = [...labels, ...Array<undefined>(o.unlabelledPerSubject ?? 0).fill(undefined)];
    sequences.forEach((cls, qi) => {
      const q = pad(qi + 1, 3);
      const n = lo + subject.rng.int(hi - lo + 1);
      const { frames, landmarks } = renderSequence(subject, cls === undefined ? undefined : CKPLUS_CLASSES[cls], n, W, H, (k) => ramp(n > 1 ? k / (n - 1) : 1), o.jitter ?? 1);
      const imgDir = join(images, sid, q), lmDir = join(tmp, 'Landmarks', sid, q);
      mkdirSync(imgDir, { recursive: true });
      mkdirSync(lmDir, { recursive: true });
      frames.forEach((f, k) => {
        const stem = `${sid}_${q}_${pad(k + 1, 8)}`;
        writeFileSync(join(imgDir, `${stem}.png`), encodeGrayPng(f));
        writeFileSync(join(lmDir, `${stem}_landmarks.txt`), formatLandmarks(landmarks[k]!));
      });
      const peakStem = `${sid}_${q}_${pad(n, 8)}`;
      if (cls !== undefined) {
        mkdirSync(join(tmp, 'Emotion', sid, q), { recursive: true });
        writeFileSync(join(tmp, 'Emotion', sid, q, `${peakStem}_emotion.txt`), `${sci(cls + 1)}\n`);
        mkdirSync(join(tmp, 'FACS', sid, q), { recursive: true });
        const aus = PEAK_ACTION_UNITS[CKPLUS_CLASSES[cls]!]!;
        writeFileSync(join(tmp, 'FACS', sid, q, `${peakStem}_facs.txt`), aus.map((au) => `${sci(au)}${sci(1 + subject.rng.int(5))}\n`).join(''));
        summary.labelled++;
        summary.classCounts[cls]!++;
      } else if (qi % 2 === 0) {
        mkdirSync(join(tmp, 'Emotion', sid, q), { recursive: true }); // an empty folder also means "no label"
      }
      summary.sequences++;
      summary.frames += n;
      o.onProgress?.(summary.sequences, total);
    });
    summary.subjects++;
  });
}

/** Onset, apex start, offset start and back-to-neutral frames (1-based) of an n-frame MMI sequence. */
export function mmiPhases(n: number): { onset: number; apex: number; offset: number; neutral: number } {
  const at = (f: number) => Math.min(n, Math.max(1, Math.round(1 + f * (n - 1))));
  return { onset: at(0.15), apex: at(0.4), offset: at(0.6), neutral: at(0.85) };
}

async function writeMmi(tmp: string, o: SyntheticFacesOptions, summary: SyntheticFacesSummary): Promise<void> {
  const ffmpeg = requireFfmpeg(o.ffmpeg);
  const rng = new Rng(o.seed);
  const classes = assignSyntheticClasses(o, MMI_CLASSES.length, rng);
  const [lo, hi] = o.frames ?? [24, 32];
  let sessionId = 0;
  const total = classes.reduce((n, labels) => n + labels.length, 0);
  for (const [si, labels] of classes.entries()) {
    const subject = makeSubject(si, rng, MMI_WIDTH, MMI_HEIGHT, 150, o.noise ?? 6);
    for (const [qi, cls] of labels.entries()) {
      sessionId++;
      const n = lo + subject.rng.int(hi - lo + 1);
      const ph = mmiPhases(n);
      const weight = (k: number) => {
        const f = k + 1;
        if (f <= ph.onset || f >= ph.neutral) return 0;
        if (f < ph.apex) return ramp((f - ph.onset) / (ph.apex - ph.onset));
        if (f <= ph.offset) return 1;
        return ramp((ph.neutral - f) / (ph.neutral - ph.offset));
      };
      const { frames } = renderSequence(subject, MMI_CLASSES[cls]!, n, MMI_WIDTH, MMI_HEIGHT, weight, o.jitter ?? 1);
      const sid = `S${pad(si + 1, 3)}-${pad(qi + 1, 3)}`;
      const dir = join(tmp, 'Sessions', String(sessionId));
      mkdirSync(dir, { recursive: true });
      await encodeVideoGray(frames, join(dir, `${sid}.avi`), MMI_FPS, ffmpeg);
      writeFileSync(join(dir, 'session.xml'), [
        '<?xml version="1.0" encoding="utf-8"?>',
        `<session sessionId="${sessionId}">`,
        `  <subject id="${si + 1}"/>`,
        `  <track id="0" view="0">`,
        `    <annotation id="1" filename="${sid}.xml"/>`,
        `    <annotation id="2" filename="${sid}-oao_aucs.xml"/>`,
        '  </track>',
        '</session>', '',
      ].join('\n'));
      writeFileSync(join(dir, `${sid}.xml`), [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<Metadata>',
        `  <Metatag Name="Emotion" Value="${cls + 1}"/>`,
        `  <Metatag Name="Frames" Value="${n}"/>`,
        '</Metadata>', '',
      ].join('\n'));
      const aus = PEAK_ACTION_UNITS[MMI_CLASSES[cls]!]!;
      writeFileSync(join(dir, `${sid}-oao_aucs.xml`), [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<ActionUnits>',
        ...aus.map((au) => [
          `  <ActionUnit Number="${au}">`,
          `    <Marker Frame="${ph.onset}" Type="${MMI_MARKER.onset}"/>`,
          `    <Marker Frame="${ph.apex}" Type="${MMI_MARKER.apex}"/>`,
          `    <Marker Frame="${ph.offset}" Type="${MMI_MARKER.offset}"/>`,
          `    <Marker Frame="${ph.neutral}" Type="${MMI_MARKER.neutral}"/>`,
          '  </ActionUnit>',
        ].join('\n')),
        '</ActionUnits>', '',
      ].join('\n'));
      summary.sequences++;
      summary.labelled++;
      summary.classCounts[cls]!++;
      summary.frames += n;
      o.onProgress?.(summary.sequences, total);
    }
    summary.subjects++;
  }
}

/**
 * Writes a synthetic dataset tree into `dir`, which must not exist or be empty (or, with `force`, hold
 * a previous synthetic tree only; synthetic-output.ts). The tree is built in
 * a temporary folder next to it and renamed into place, so an interrupted run leaves nothing behind.
 */
export async function writeSyntheticFaces(format: SyntheticFaceFormat, dir: string, options: Partial<SyntheticFacesOptions> = {}): Promise<SyntheticFacesSummary> {
  const o: SyntheticFacesOptions = { subjects: 10, sequencesPerSubject: 3, seed: 1, ...options };
  checkOptions(format, o);
  checkSyntheticOutput(dir, o.force ?? false);
  if (format === 'mmi') requireFfmpeg(o.ffmpeg);
  const summary: SyntheticFacesSummary = {
    format, root: dir, subjects: 0, sequences: 0, labelled: 0, frames: 0,
    classCounts: Array<number>((format === 'ckplus' ? CKPLUS_CLASSES : MMI_CLASSES).length).fill(0),
  };
  // writeDirAtomic takes a synchronous fill: build MMI's videos into a staging folder first.
  if (format === 'ckplus') {
    writeDirAtomic(dir, (tmp) => {
      writeCkPlus(tmp, o, summary);
      finishSyntheticOutput(tmp, format);
    });
  } else {
    const staging = `${dir}.staging-${process.pid}`;
    mkdirSync(staging, { recursive: true });
    try {
      await writeMmi(staging, o, summary);
      writeDirAtomic(dir, (tmp) => {
        moveChildren(staging, tmp);
        finishSyntheticOutput(tmp, format);
      });
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return summary;
}

function moveChildren(from: string, to: string): void {
  for (const name of readdirSync(from)) renameSync(join(from, name), join(to, name));
}
