// Turning command-line inputs into library values: montages, sample files, model and training
// options. Every failure names the file or flag and what was expected.
import { readFileSync, existsSync } from 'node:fs';
import { gridMontage, parseMontageJson, type Montage } from '../montage/montage.js';
import { SEED_62 } from '../montage/seed62.js';
import { checkReadableFile, openNpy, readNpy } from '../formats/npy.js';
import type { SampleSet } from '../datasets/samples.js';
import type { StrnnConfigInput } from '../model/config.js';
import type { TrainOptions } from '../train/train.js';
import { StrnnError } from '../util/errors.js';
import type { Flags } from './command.js';

export function resolveMontage(value: string): Montage {
  if (value === 'seed-62' || value === 'seed62') return SEED_62;
  const grid = /^grid:(\d+)x(\d+)$/.exec(value);
  if (grid) return gridMontage(Number(grid[1]), Number(grid[2]));
  if (!existsSync(value)) {
    throw new StrnnError('USAGE', `--montage ${value}: not 'seed-62', not 'grid:HxW' and not an existing JSON file`);
  }
  return parseMontageJson(readFileSync(value, 'utf8'), value);
}

/** A numeric array from a .npy file or from one variable of a .mat file, row-major. */
interface LoadedArray {
  dtype: string;
  shape: number[];
  data: ArrayLike<number>;
}

const MAT_NUMERIC = ['double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'logical'];

/** Opens a .mat file and picks the variable `preferred` ('x' for samples, 'y' for labels...) or else its only numeric variable. */
async function openMatVariable(path: string, preferred: string) {
  const { openMat } = await import('../formats/mat/index.js');
  checkReadableFile(path);
  const file = await openMat(path);
  const numeric = file.names().filter((n) => MAT_NUMERIC.includes(file.info(n).class));
  const name = file.has(preferred) ? preferred : numeric.length === 1 ? numeric[0]! : undefined;
  if (name === undefined) {
    file.close();
    throw new StrnnError('INPUT', `${path}: no variable "${preferred}" and ${numeric.length} numeric variables (${numeric.join(', ')}); expected "${preferred}" or exactly one`);
  }
  return { file, name };
}

/**
 * Reads a small array (labels, groups) from `.npy`, or from a `.mat` variable (see openMatVariable).
 * MATLAB's column-major data is returned row-major with the same dims.
 */
async function readArray(path: string, preferred: string): Promise<LoadedArray> {
  if (!isMat(path)) return readNpy(path);
  const { readNumeric, toRowMajor } = await import('../formats/mat/index.js');
  const { file, name } = await openMatVariable(path, preferred);
  try {
    const { data, dims } = readNumeric(file, name);
    const cls = file.info(name).class;
    return { dtype: cls === 'single' ? 'float32' : cls === 'double' ? 'float64' : cls, shape: dims, data: toRowMajor(data, dims, dims.map((_, i) => i)).data };
  } finally {
    file.close();
  }
}

const isMat = (path: string) => path.toLowerCase().endsWith('.mat');

/**
 * A B x T x N x dIn samples file opened for reading in chunks: read(first, n) returns samples
 * first..first+n-1 row-major as float32. A .npy file is read from disk chunk by chunk (memory stays
 * at one chunk whatever the file size); a .mat variable is decoded once (MAT stores it compressed
 * and column-major) and each chunk is gathered from that one decoded copy.
 */
export interface SampleSource {
  readonly path: string;
  readonly count: number;
  readonly T: number;
  readonly N: number;
  readonly dIn: number;
  read(first: number, n: number): Float32Array;
  close(): void;
}

/** Opens a samples file (.npy, or .mat variable `x`); `expect` fixes the dimensions a checkpoint needs. */
export async function openSamples(path: string, expect?: { T: number; N: number; dIn: number }): Promise<SampleSource> {
  const source = isMat(path) ? await openMatSamples(path) : openNpySamples(path);
  const { T, N, dIn } = source;
  if (expect && (T !== expect.T || N !== expect.N || dIn !== expect.dIn)) {
    source.close();
    throw new StrnnError('INPUT', `${path}: samples have T x N x d_in = ${T} x ${N} x ${dIn}, the model expects ${expect.T} x ${expect.N} x ${expect.dIn}`);
  }
  return source;
}

function sampleShape(path: string, dtype: string, shape: number[]): [number, number, number, number] {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new StrnnError('INPUT', `${path}: samples must be float32 or float64, found ${dtype}`);
  }
  if (shape.length !== 4) {
    throw new StrnnError('INPUT', `${path}: samples must have shape B x T x N x d_in (4 dimensions), found (${shape.join(', ')})`);
  }
  return shape as [number, number, number, number];
}

function openNpySamples(path: string): SampleSource {
  const file = openNpy(path);
  try {
    const [count, T, N, dIn] = sampleShape(path, file.header.dtype, file.header.shape);
    const per = T * N * dIn;
    return {
      path, count, T, N, dIn,
      read(first, n) {
        const out = new Float32Array(n * per);
        file.read(first * per, out);
        return out;
      },
      close: () => file.close(),
    };
  } catch (e) {
    file.close();
    throw e;
  }
}

async function openMatSamples(path: string): Promise<SampleSource> {
  const { file, name } = await openMatVariable(path, 'x');
  let value;
  try {
    const info = file.info(name);
    sampleShape(path, info.class === 'single' ? 'float32' : info.class === 'double' ? 'float64' : info.class, info.dims);
    if (info.complex) throw new StrnnError('INPUT', `${path}: variable "${name}" is complex; samples must be real`);
    value = file.read(name);
  } finally {
    file.close();
  }
  if (value.kind !== 'numeric' || !(value.real instanceof Float32Array || value.real instanceof Float64Array)) {
    throw new StrnnError('INPUT', `${path}: variable "${name}" is not a real float array`);
  }
  const real = value.real;
  const [count, T, N, dIn] = value.dims as [number, number, number, number];
  return {
    path, count, T, N, dIn,
    read(first, n) {
      // Column-major (b, t, node, f) sits at b + B * (t + T * (node + N * f)); the chunk is row-major.
      const out = new Float32Array(n * T * N * dIn);
      let o = 0;
      for (let b = first; b < first + n; b++) {
        for (let t = 0; t < T; t++) for (let node = 0; node < N; node++) for (let f = 0; f < dIn; f++) {
          out[o++] = real[b + count * (t + T * (node + N * f))]!;
        }
      }
      return out;
    },
    close: () => {},
  };
}

/** Reads a whole B x T x N x dIn sample file (.npy, or .mat variable `x`) as a SampleSet. */
export async function readSamples(path: string, expect?: { T: number; N: number; dIn: number }): Promise<SampleSet> {
  const source = await openSamples(path, expect);
  const { count, T, N, dIn } = source;
  let x: Float32Array;
  try {
    x = source.read(0, count);
  } finally {
    source.close();
  }
  return {
    count, T, N, dIn, x,
    y: new Int32Array(count),
    trial: new Int32Array(count),
    // Distinct starts: samples of a file are treated as not sharing windows (normalisation counts each once).
    start: Int32Array.from({ length: count }, (_, i) => i * T),
  };
}

/**
 * Reads a length-B integer vector (labels or groups): .npy, or .mat variable `preferred`. Values are
 * returned exactly (int64 ids above 2^32 do not wrap); beyond 2^53 they cannot be told apart and are refused.
 */
export async function readIntVector(path: string, count: number, what: string, preferred = 'y'): Promise<Float64Array> {
  const arr = await readArray(path, preferred);
  const values = Float64Array.from(arr.data);
  const fraction = values.findIndex((v) => !Number.isInteger(v));
  if (fraction >= 0) throw new StrnnError('INPUT', `${path}: ${what} must be integers, found ${values[fraction]} (${arr.dtype}) at index ${fraction}`);
  const huge = values.findIndex((v) => !Number.isSafeInteger(v));
  if (huge >= 0) throw new StrnnError('INPUT', `${path}: ${what} value at index ${huge} is beyond 2^53 (${values[huge]}); such values cannot be read exactly`);
  // A vector: (B,), or B x 1 / 1 x B as MATLAB stores vectors.
  const flat = arr.shape.length === 1 || (arr.shape.length === 2 && (arr.shape[1] === 1 || arr.shape[0] === 1));
  if (!flat || values.length !== count) {
    throw new StrnnError('INPUT', `${path}: ${what} must have shape (${count},) to match the samples, found (${arr.shape.join(', ')})`);
  }
  return values;
}

export function modelConfigFromFlags(f: Flags, T: number, dIn: number, C: number): StrnnConfigInput {
  return {
    T, dIn, C,
    dS: f.dS as number, kS: f.kS as number, dT: f.dT as number, kT: f.kT as number,
    spatialActivation: f.activation as 'tanh' | 'relu', temporalActivation: f.activation as 'tanh' | 'relu',
    lambdaS: f.lambdaS as number, lambdaT: f.lambdaT as number, lambdaW: f.lambdaW as number,
    init: f.init as 'fan-in-uniform' | 'glorot-uniform',
  };
}

export function trainOptionsFromFlags(f: Flags): Partial<TrainOptions> {
  return {
    ...(f.epochs !== undefined && { epochs: f.epochs as number }),
    batchSize: f.batchSize as number, learningRate: f.lr as number, optimizer: f.optimizer as 'adam' | 'sgd',
    clipNorm: f.clipNorm as number, patience: f.patience as number, seed: f.seed as number,
  };
}

export const MODEL_FLAGS = ['dS', 'kS', 'dT', 'kT', 'activation', 'lambdaS', 'lambdaT', 'lambdaW', 'init'] as const;
export const TRAIN_FLAGS = ['epochs', 'batchSize', 'lr', 'optimizer', 'clipNorm', 'patience', 'valFraction'] as const;
