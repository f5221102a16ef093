// MMI Facial Expression Database reader: session videos -> FeatureTrials for STRNN.
//
// Source: M. Pantic, M. Valstar, R. Rademaker, L. Maat, "Web-based database for facial expression
// analysis", ICME 2005, and M. Valstar, M. Pantic, "Induced disgust, happiness and surprise: an
// addition to the MMI facial expression database", LREC workshop 2010 (licensed; https://mmifacedb.eu).
// Videos of 720x576 frames at 25 fps running onset -> apex -> offset; about 205 frontal sequences carry
// one of six emotion labels. There are no landmark files.
//
// Folder tree (one session per folder; <sid> is the video's file stem, e.g. S001-001):
//
//   <root>/Sessions/<id>/<sid>.avi
//   <root>/Sessions/<id>/session.xml           <track view="0|1|2">: camera view, 0 = frontal
//   <root>/Sessions/<id>/<sid>.xml             <Metatag Name="Emotion" Value="1..6"/>: anger, disgust,
//                                              fear, happy, sadness, surprise (no tag = unlabelled)
//   <root>/Sessions/<id>/<sid>-oao_aucs.xml    <ActionUnit Number=".."><Marker Frame=".." Type=".."/>
//
// Assumptions where the format is not documented to us (read from public MMI loaders, see mmi-facts.ts):
// - oao markers: Frame is 1-based; Type 1 onset, 2 apex, 3 offset, 0 neutral starts at that frame.
//   The apex frame is computed by mmi-xml.ts mmiApexFrame (median over AUs of apex-phase middles);
//   without an oao file or apex markers the middle frame of the video is used (trial.apexSource says
//   which).
// - subject: <subject id=".."> in session.xml when present, else the leading S<digits> of <sid>;
//   subject ids are written 'S' + three digits (id 3 -> 'S003').
// - one .avi per session folder; the session's view is the first <track>'s view attribute.
//
// Frames: decoded through ffmpeg (src/face/ffmpeg.ts); T frames centred on the apex. Faces: MMI has
// no landmark files, so by default each sequence's face is located by strnn's landmark detector
// (face-api, src/face/face-api-detector.ts) once, on the apex frame, and every selected frame is
// aligned by those eye centres (src/face/detect-landmarks.ts detectSequenceEyes says why). A sequence
// with no face found (apex, first and last selected frames tried) falls back to the centred-square
// crop with a one-line warning; `alignment: 'centred-crop'` skips detection altogether (faster, no
// TensorFlow.js). Each trial records which alignment it got.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StrnnError } from '../util/errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { cacheKey, codeFingerprint, fileFingerprints, readCache, writeCache, type CacheStats } from '../util/value-cache.js';
import { checkAlignmentMode, detectSequenceEyes, type FaceAlignmentMode, type NamedLandmarkDetector, type SequenceAlignment } from '../face/detect-landmarks.js';
import { landmarkDetectorOrWarn, warnToStderr } from '../face/face-api-detector.js';
import { decodeVideoGray } from '../face/ffmpeg.js';
import { selectAroundApex } from '../face/frames.js';
import { FACE_CODE, faceConfig, faceGridSize, sequenceFeatures, type FacePreprocessConfig } from '../face/preprocess.js';
import { MMI_FRONTAL_VIEW, mmiClassOfValue } from './mmi-facts.js';
import { mmiApexFrame, parseMmiEmotion, parseMmiOao, parseMmiSessionXml } from './mmi-xml.js';
import type { FeatureTrial } from './types.js';

/** One session's files and annotations (nothing decoded yet). */
export interface MmiSession {
  /** Session folder name. */
  id: string;
  dir: string;
  /** Video file stem, e.g. 'S001-001'. */
  sid: string;
  video: string;
  subject: string;
  view: number;
  /** Emotion metatag value 1..6, or undefined when the session is unlabelled. */
  emotion?: number;
  /** 1-based apex frame from the oao file, when it has apex markers. */
  apexFrame?: number;
  sources: string[];
}

export interface MmiTrial extends FeatureTrial {
  emotionValue: number;
  /** 0-based frame the selected T frames are centred on. */
  apex: number;
  apexSource: 'oao' | 'middle';
  sequenceFrames: number;
  /** 'landmarks' (detected eyes), 'centred-crop' (no detector) or 'centred-crop-no-face' (none found). */
  alignment: SequenceAlignment;
  /** 0-based video frame whose landmarks aligned the sequence (alignment 'landmarks' only). */
  landmarkFrame?: number;
}

export interface MmiLoadOptions {
  preprocess?: Partial<FacePreprocessConfig>;
  /** Camera views to keep (default [0], frontal). */
  views?: readonly number[];
  /** ffmpeg binary (default: system ffmpeg, else @ffmpeg-installer/ffmpeg). */
  ffmpeg?: string;
  /**
   * 'landmarks' (default): locate the face with `detector` (default: createFaceApiDetector(), when
   * face-api is installed); 'centred-crop': skip detection and cut every frame to the centred square.
   */
  alignment?: FaceAlignmentMode;
  /** Landmark detector for alignment 'landmarks' (default: face-api's SSD MobileNet v1 + 68 points). */
  detector?: NamedLandmarkDetector;
  /** Receives one-line warnings (no face found, detector not installed); default: stderr. */
  onWarning?: (message: string) => void;
  /** Cache folder (default <root>/.strnn-cache/mmi), or false. */
  cache?: string | false;
  stats?: CacheStats;
  onProgress?: (done: number, total: number) => void;
}

function sessionsFolder(root: string): string {
  const p = join(root, 'Sessions');
  if (!existsSync(p) || !statSync(p).isDirectory()) {
    throw new StrnnError('NOT_FOUND', `${root}: no MMI Sessions folder (expected ${p})`, 'point the path at the folder that holds Sessions/');
  }
  return p;
}

function subjectName(raw: string): string {
  return /^\d+$/.test(raw) ? `S${raw.padStart(3, '0')}` : raw;
}

/** Reads one session folder's file names and XML annotations. */
export function readMmiSessionInfo(dir: string, id: string): MmiSession {
  const videos = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.avi') && !n.startsWith('.'));
  if (videos.length !== 1) throw new StrnnError('INPUT', `${dir}: expected one .avi video, found ${videos.length}${videos.length ? ` (${videos.join(', ')})` : ''}`);
  const sid = videos[0]!.replace(/\.avi$/i, '');
  const sessionXml = join(dir, 'session.xml');
  if (!existsSync(sessionXml)) throw new StrnnError('NOT_FOUND', `${dir}: missing session.xml (expected ${sessionXml})`);
  const info = parseMmiSessionXml(readFileSync(sessionXml, 'utf8'), sessionXml);
  const subject = info.subject ?? /^(S\d+)/i.exec(sid)?.[1];
  if (!subject) throw new StrnnError('INPUT', `${sessionXml}: no <subject id=".."> element and video name ${sid} does not start with S<digits>; cannot tell the subject`);
  const session: MmiSession = { id, dir, sid, video: join(dir, videos[0]!), subject: subjectName(subject), view: info.view, sources: [join(dir, videos[0]!), sessionXml] };
  const meta = join(dir, `${sid}.xml`);
  if (existsSync(meta)) {
    session.sources.push(meta);
    const emotion = parseMmiEmotion(readFileSync(meta, 'utf8'), meta);
    if (emotion !== undefined) session.emotion = emotion;
  }
  const oao = join(dir, `${sid}-oao_aucs.xml`);
  if (existsSync(oao)) {
    session.sources.push(oao);
    const apex = mmiApexFrame(parseMmiOao(readFileSync(oao, 'utf8'), oao));
    if (apex !== undefined) session.apexFrame = apex;
  }
  return session;
}

/** Every session folder under <root>/Sessions, sorted numerically by folder name (then by name). */
export function listMmiSessions(root: string): MmiSession[] {
  const folder = sessionsFolder(root);
  const ids = readdirSync(folder).filter((n) => !n.startsWith('.') && statSync(join(folder, n)).isDirectory());
  ids.sort((a, b) => (Number(a) - Number(b)) || a.localeCompare(b));
  return ids.map((id) => readMmiSessionInfo(join(folder, id), id));
}

/** Decodes the video, selects T frames around the apex, aligns them and extracts features. */
export async function readMmiSequence(session: MmiSession, config: Partial<FacePreprocessConfig> = {}, opts: { ffmpeg?: string; detector?: NamedLandmarkDetector } = {}) {
  const cfg = faceConfig(config);
  const frames = await decodeVideoGray(session.video, opts.ffmpeg);
  const fromOao = session.apexFrame !== undefined && session.apexFrame <= frames.length;
  if (session.apexFrame !== undefined && !fromOao) {
    throw new StrnnError('INPUT', `${session.video}: oao apex frame ${session.apexFrame} is beyond the video's ${frames.length} frames`);
  }
  const apex = fromOao ? session.apexFrame! - 1 : Math.floor((frames.length - 1) / 2);
  const indices = selectAroundApex(frames.length, cfg.T, apex);
  const chosen = indices.map((i) => frames[i]!);
  // the apex's position among the selected frames (the first one when the selection repeats it)
  const found = await detectSequenceEyes(chosen, indices.indexOf(apex), opts.detector);
  return {
    data: sequenceFeatures(chosen, found.eyes, cfg), apex, apexSource: fromOao ? 'oao' as const : 'middle' as const, sequenceFrames: frames.length,
    alignment: found.alignment, ...(found.landmarkFrame !== undefined && { landmarkFrame: indices[found.landmarkFrame]! }),
  };
}

/** The detector alignment 'landmarks' uses: the caller's, else face-api's when installed, else none. */
function resolveDetector(opts: MmiLoadOptions, warn: (message: string) => void): NamedLandmarkDetector | undefined {
  return checkAlignmentMode(opts.alignment, 'MMI') === 'centred-crop' ? undefined : landmarkDetectorOrWarn(opts.detector, warn, 'MMI faces');
}

/** Every labelled session of the selected views as an MmiTrial (trial = session folder number). */
export async function loadMmiTrials(root: string, opts: MmiLoadOptions = {}): Promise<MmiTrial[]> {
  const cfg = faceConfig(opts.preprocess);
  const views = opts.views ?? [MMI_FRONTAL_VIEW];
  const cacheDir = opts.cache === false ? undefined : (opts.cache ?? join(root, '.strnn-cache', 'mmi'));
  const sessions = listMmiSessions(root).filter((s) => views.includes(s.view) && s.emotion !== undefined && mmiClassOfValue(s.emotion) !== undefined);
  const g = faceGridSize(cfg);
  const length = cfg.T * g * g * cfg.patch * cfg.patch;
  const warn = opts.onWarning ?? warnToStderr;
  const detector = resolveDetector(opts, warn);
  const trials: MmiTrial[] = [];
  for (const [i, s] of sessions.entries()) {
    const key = cacheKey({ format: 'strnn-mmi-features-2', code: codeFingerprint(FACE_CODE), config: cfg, detector: detector?.id ?? 'centred-crop', sources: fileFingerprints(s.sources) });
    const metaPath = cacheDir ? join(cacheDir, `${key}.json`) : '';
    let data = cacheDir ? readCache(cacheDir, key, length) : undefined;
    let meta: Pick<MmiTrial, 'apex' | 'apexSource' | 'sequenceFrames' | 'alignment' | 'landmarkFrame'> | undefined;
    if (data && existsSync(metaPath)) {
      meta = JSON.parse(readFileSync(metaPath, 'utf8')) as typeof meta;
      if (opts.stats) opts.stats.hits++;
    } else {
      const read = await readMmiSequence(s, cfg, { ...(opts.ffmpeg && { ffmpeg: opts.ffmpeg }), ...(detector && { detector }) });
      data = read.data;
      meta = { apex: read.apex, apexSource: read.apexSource, sequenceFrames: read.sequenceFrames, alignment: read.alignment, ...(read.landmarkFrame !== undefined && { landmarkFrame: read.landmarkFrame }) };
      if (read.alignment === 'centred-crop-no-face') warn(`${s.video}: no face found on the apex, first or last of the ${cfg.T} selected frames; using the centred crop`);
      if (cacheDir) {
        writeCache(cacheDir, key, data);
        writeFileAtomic(metaPath, JSON.stringify(meta));
      }
      if (opts.stats) opts.stats.misses++;
    }
    trials.push({
      dataset: 'mmi', subject: s.subject, session: 1, trial: Number(s.id) || i + 1, label: mmiClassOfValue(s.emotion!)!,
      windows: cfg.T, nodes: g * g, features: cfg.patch * cfg.patch, data, emotionValue: s.emotion!, ...meta!,
    });
    opts.onProgress?.(i + 1, sessions.length);
  }
  return trials;
}
