// 68-point landmarks from @vladmandic/face-api (MIT): a face detector network plus its 68-point
// landmark network, whose weights ship inside the npm package (model/), run by TensorFlow.js on its
// WebAssembly backend (@tensorflow/tfjs-backend-wasm, whose .wasm binaries ship in its npm package).
// Nothing is downloaded: the weights are read from the package folder with fs and decoded by tf.io,
// and the wasm binaries are loaded from the backend package's dist/ folder.
//
// Why this bundle and backend: face-api's default Node entry needs @tensorflow/tfjs-node, a native
// addon whose install downloads a prebuilt binary (impossible offline); its ESM bundle carries only the
// plain-JavaScript CPU backend and, loaded as an ES module in Node, fails on a bundled `require` shim.
// dist/face-api.node-wasm.js with the WASM backend works in plain Node 20 and measured 10-25x faster
// than the CPU backend on the package's sample photographs (README: "Face landmarks without landmark
// files").
//
// TensorFlow.js is imported lazily (on the first detection), so `import 'strnn'` stays light and EEG
// work never loads it. It serves landmark detection only; the STRNN model runs on strnn's own kernels.
//
// Coordinates: face-api reports continuous image coordinates (pixel i spans [i, i + 1)); GrayImage puts
// pixel centres at integers (gray-image.ts), so every point is shifted by -0.5.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StrnnError } from '../util/errors.js';
import type { NamedLandmarkDetector } from './detect-landmarks.js';
import type { GrayImage } from './gray-image.js';
import { LANDMARK_COUNT, type Point } from './landmarks.js';

const require = createRequire(import.meta.url);
const FACE_API = '@vladmandic/face-api';

export type FaceDetectorNet = 'ssd-mobilenet-v1' | 'tiny-face-detector';

export interface FaceApiDetectorOptions {
  /**
   * Face box network. 'ssd-mobilenet-v1' (default) found every face of the package's sample photos
   * with higher scores and tighter boxes; 'tiny-face-detector' is about 2x faster and misses some.
   */
  net?: FaceDetectorNet;
  /** Detections scoring below this are ignored (default 0.5). */
  minConfidence?: number;
  /** Folder with the weights manifests and shards (default: the face-api package's model/). */
  modelDir?: string;
}

/** One detected face: its box and score from the face detector, its 68 landmarks in GrayImage pixels. */
export interface DetectedFace {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  landmarks: Point[];
}

export interface FaceApiDetector extends NamedLandmarkDetector {
  /** The largest face found (by box area), or undefined. */
  detectFace(frame: GrayImage): Promise<DetectedFace | undefined>;
  /** Every face found, largest first. */
  detectFaces(frame: GrayImage): Promise<DetectedFace[]>;
}

// The parts of face-api (and of the TensorFlow.js it carries) used here, typed locally: the packages
// are optional dependencies (about 330 MB installed), so strnn must compile and run without them
// (`npm ci --omit=optional`); only a detection needs them, and it reports their absence clearly.
interface TfTensor {
  dispose(): void;
}
interface FaceApiNet {
  loadFromWeightMap(map: Record<string, unknown>): void;
}
interface FaceApiDetection {
  detection: { box: { x: number; y: number; width: number; height: number }; score: number };
  landmarks: { positions: { x: number; y: number }[] };
}
interface FaceApi {
  tf: {
    tensor3d(values: Float32Array, shape: [number, number, number]): TfTensor;
    io: { decodeWeights(buffer: ArrayBuffer, specs: unknown): Record<string, unknown> };
    setBackend(name: string): Promise<boolean>;
    ready(): Promise<void>;
  };
  nets: { ssdMobilenetv1: FaceApiNet; tinyFaceDetector: FaceApiNet; faceLandmark68Net: FaceApiNet };
  SsdMobilenetv1Options: new (o: { minConfidence: number }) => object;
  TinyFaceDetectorOptions: new (o: { scoreThreshold: number; inputSize: number }) => object;
  detectAllFaces(input: TfTensor, options: object): { withFaceLandmarks(): Promise<FaceApiDetection[]> };
}
interface TfWasmBackend {
  setWasmPaths(prefix: string): void;
}

// Module names in variables: TypeScript then leaves the optional packages unresolved at compile time.
const FACE_API_BUNDLE = `${FACE_API}/dist/face-api.node-wasm.js`;
const TF_WASM = '@tensorflow/tfjs-backend-wasm';

// The networks are process-wide singletons inside face-api (faceapi.nets), so the runtime is loaded
// once and each network's weights once, whatever the number of detectors created.
let runtime: Promise<FaceApi> | undefined;
const loadedNets = new Map<string, Promise<void>>();

/** face-api's package folder, or undefined when the package is not installed. */
export function faceApiPackageDir(): string | undefined {
  try {
    return dirname(require.resolve(`${FACE_API}/package.json`));
  } catch {
    return undefined;
  }
}

/** True when face-api and the TensorFlow.js packages it needs are installed. */
export function faceApiAvailable(): boolean {
  try {
    for (const p of [`${FACE_API}/package.json`, '@tensorflow/tfjs/package.json', '@tensorflow/tfjs-backend-wasm/package.json']) require.resolve(p);
    return true;
  } catch {
    return false;
  }
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function loadRuntime(): Promise<FaceApi> {
  // CommonJS bundles: Node exposes module.exports as the default export
  const mod = (await import(FACE_API_BUNDLE)) as { default?: FaceApi };
  const faceapi = (mod.default ?? mod) as FaceApi;
  const wasmMod = (await import(TF_WASM)) as { default?: TfWasmBackend };
  const wasm = (wasmMod.default ?? wasmMod) as TfWasmBackend;
  wasm.setWasmPaths(join(dirname(require.resolve(`${TF_WASM}/package.json`)), 'dist') + '/');
  const engine = faceapi.tf;
  if (!(await engine.setBackend('wasm'))) {
    throw new StrnnError('UNSUPPORTED', 'TensorFlow.js could not start its WebAssembly backend for face landmark detection', "use the centred-crop alignment instead (alignment: 'centred-crop')");
  }
  await engine.ready();
  return faceapi;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new StrnnError('NOT_FOUND', `${path}: face model weights manifest not found`, 'reinstall @vladmandic/face-api or point modelDir at its model/ folder');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StrnnError('FORMAT', `${path}: not valid JSON (${(e as Error).message})`);
  }
}

interface ManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string }[];
}

/** Reads a tfjs weights manifest and its shards from disk and loads them into a face-api network. */
async function loadNet(faceapi: FaceApi, net: FaceApiNet, modelDir: string, name: string): Promise<void> {
  const manifestPath = join(modelDir, `${name}-weights_manifest.json`);
  const manifest = readJson(manifestPath);
  if (!Array.isArray(manifest) || manifest.some((g: ManifestGroup) => !Array.isArray(g?.paths) || !Array.isArray(g?.weights))) {
    throw new StrnnError('FORMAT', `${manifestPath}: expected a tfjs weights manifest (a list of { paths, weights })`);
  }
  const map: Record<string, unknown> = {};
  for (const group of manifest as ManifestGroup[]) {
    const bytes = Buffer.concat(group.paths.map((p) => {
      try {
        return readFileSync(join(modelDir, p));
      } catch {
        throw new StrnnError('NOT_FOUND', `${join(modelDir, p)}: weights shard listed in ${manifestPath} not found`);
      }
    }));
    try {
      Object.assign(map, faceapi.tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), group.weights));
    } catch (e) {
      throw new StrnnError('FORMAT', `${manifestPath}: weights do not decode (${(e as Error).message})`);
    }
  }
  net.loadFromWeightMap(map);
}

const NET_FILES: Record<FaceDetectorNet, string> = { 'ssd-mobilenet-v1': 'ssd_mobilenetv1_model', 'tiny-face-detector': 'tiny_face_detector_model' };
const LANDMARK_FILE = 'face_landmark_68_model';

/**
 * A landmark detector backed by face-api. Creating it is cheap (no TensorFlow.js yet); the runtime and
 * the weights load on the first detection. `id` names the package version, the networks and the
 * threshold, so preprocessing caches keyed by it are redone when any of them changes.
 */
export function createFaceApiDetector(options: FaceApiDetectorOptions = {}): FaceApiDetector {
  const net = options.net ?? 'ssd-mobilenet-v1';
  if (!(net in NET_FILES)) throw new StrnnError('CONFIG', `unknown face detector network '${String(net)}'`, `networks: ${Object.keys(NET_FILES).join(', ')}`);
  const minConfidence = options.minConfidence ?? 0.5;
  if (!(minConfidence > 0 && minConfidence < 1)) throw new StrnnError('CONFIG', `face detector minConfidence must be in (0, 1), found ${minConfidence}`);
  const pkg = faceApiPackageDir();
  if (!pkg) throw new StrnnError('NOT_FOUND', `${FACE_API} is not installed, so faces cannot be located`, "run npm ci, or use the centred-crop alignment (alignment: 'centred-crop')");
  const modelDir = options.modelDir ?? join(pkg, 'model');
  const id = `face-api@${packageVersion(pkg)}:${NET_FILES[net]}(minConfidence=${minConfidence})+${LANDMARK_FILE}` +
    (options.modelDir ? `@${options.modelDir}` : '');

  async function ready(): Promise<FaceApi> {
    runtime ??= loadRuntime();
    const faceapi = await runtime;
    for (const [key, file] of [[`${modelDir}|${net}`, NET_FILES[net]], [`${modelDir}|landmarks`, LANDMARK_FILE]] as const) {
      if (!loadedNets.has(key)) {
        const target = file === LANDMARK_FILE ? faceapi.nets.faceLandmark68Net : net === 'ssd-mobilenet-v1' ? faceapi.nets.ssdMobilenetv1 : faceapi.nets.tinyFaceDetector;
        const p = loadNet(faceapi, target, modelDir, file);
        loadedNets.set(key, p);
        p.catch(() => loadedNets.delete(key));
      }
      await loadedNets.get(key);
    }
    return faceapi;
  }

  async function detectFaces(frame: GrayImage): Promise<DetectedFace[]> {
    const faceapi = await ready();
    const { width: w, height: h, data } = frame;
    // the networks take RGB; a gray frame is the same value in all three channels
    const rgb = new Float32Array(w * h * 3);
    for (let i = 0; i < w * h; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = data[i]!;
    const input = faceapi.tf.tensor3d(rgb, [h, w, 3]);
    try {
      const detectorOptions = net === 'ssd-mobilenet-v1'
        ? new faceapi.SsdMobilenetv1Options({ minConfidence })
        : new faceapi.TinyFaceDetectorOptions({ scoreThreshold: minConfidence, inputSize: 416 });
      const found = await faceapi.detectAllFaces(input, detectorOptions).withFaceLandmarks();
      return found
        .map((f) => ({
          box: { x: f.detection.box.x - 0.5, y: f.detection.box.y - 0.5, width: f.detection.box.width, height: f.detection.box.height },
          score: f.detection.score,
          landmarks: f.landmarks.positions.map((p) => ({ x: p.x - 0.5, y: p.y - 0.5 })),
        }))
        .filter((f) => f.landmarks.length === LANDMARK_COUNT)
        .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    } finally {
      input.dispose();
    }
  }

  return {
    id,
    detectFaces,
    async detectFace(frame) {
      return (await detectFaces(frame))[0];
    },
    async detect(frame) {
      return (await detectFaces(frame))[0]?.landmarks;
    },
  };
}

/** Default for `onWarning` options: one line on stderr. */
export function warnToStderr(message: string): void {
  process.stderr.write(`strnn: ${message}\n`);
}

/**
 * The detector a 'landmarks' alignment uses: the caller's, else face-api's when it is installed, else
 * none, with a warning that `subject` (e.g. 'MMI faces') use the centred crop.
 */
export function landmarkDetectorOrWarn(given: NamedLandmarkDetector | undefined, warn: (message: string) => void, subject: string): NamedLandmarkDetector | undefined {
  if (given) return given;
  if (faceApiAvailable()) return createFaceApiDetector();
  warn(`face landmark detector (${FACE_API} with @tensorflow/tfjs and ${TF_WASM}) is not installed; ${subject} use the centred crop`);
  return undefined;
}
