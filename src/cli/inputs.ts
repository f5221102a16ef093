// Turning command-line inputs into library values: montages, sample files, model and training
// options. Every failure names the file or flag and what was expected.
import { readFileSync, existsSync } from 'node:fs';
import { gridMontage, parseMontageJson, type Montage } from '../montage/montage.js';
import { SEED_62 } from '../montage/seed62.js';
import { readNpy } from '../formats/npy.js';
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

/**
 * Reads an array from `.npy`, or from a `.mat` file: the variable `preferred` ('x' for samples, 'y'
 * for labels...) or else the file's only numeric variable. MATLAB's column-major data is returned
 * row-major with the same dims, so a MATLAB B x T x N x d_in array reads as samples directly.
 */
async function readArray(path: string, preferred: string): Promise<LoadedArray> {
  if (!path.toLowerCase().endsWith('.mat')) return readNpy(path);
  const { openMat, readNumeric, toRowMajor } = await import('../formats/mat/index.js');
  if (!existsSync(path)) throw new StrnnError('NOT_FOUND', `${path}: file not found`);
  const file = await openMat(path);
  try {
    const NUMERIC = ['double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'logical'];
    const numeric = file.names().filter((n) => NUMERIC.includes(file.info(n).class));
    const name = file.has(preferred) ? preferred : numeric.length === 1 ? numeric[0]! : undefined;
    if (name === undefined) {
      throw new StrnnError('INPUT', `${path}: no variable "${preferred}" and ${numeric.length} numeric variables (${numeric.join(', ')}); expected "${preferred}" or exactly one`);
    }
    const { data, dims } = readNumeric(file, name);
    const order = dims.map((_, i) => i);
    const cls = file.info(name).class;
    return { dtype: cls === 'single' ? 'float32' : cls === 'double' ? 'float64' : cls, shape: dims, data: toRowMajor(data, dims, order).data };
  } finally {
    file.close();
  }
}

/** Reads a B x T x N x dIn sample file (.npy, or .mat variable `x`); `expect` fixes the dimensions a checkpoint needs. */
export async function readSamples(path: string, expect?: { T: number; N: number; dIn: number }): Promise<SampleSet> {
  const arr = await readArray(path, 'x');
  if (arr.dtype !== 'float32' && arr.dtype !== 'float64') {
    throw new StrnnError('INPUT', `${path}: samples must be float32 or float64, found ${arr.dtype}`);
  }
  if (arr.shape.length !== 4) {
    throw new StrnnError('INPUT', `${path}: samples must have shape B x T x N x d_in (4 dimensions), found (${arr.shape.join(', ')})`);
  }
  const [count, T, N, dIn] = arr.shape as [number, number, number, number];
  if (expect && (T !== expect.T || N !== expect.N || dIn !== expect.dIn)) {
    throw new StrnnError('INPUT', `${path}: samples have T x N x d_in = ${T} x ${N} x ${dIn}, the model expects ${expect.T} x ${expect.N} x ${expect.dIn}`);
  }
  const x = arr.data instanceof Float32Array ? arr.data : Float32Array.from(arr.data);
  return {
    count, T, N, dIn, x,
    y: new Int32Array(count),
    trial: new Int32Array(count),
    // Distinct starts: samples of a file are treated as not sharing windows (normalisation counts each once).
    start: Int32Array.from({ length: count }, (_, i) => i * T),
  };
}

/** Reads a length-B integer vector (labels or groups): .npy, or .mat variable `preferred`. */
export async function readIntVector(path: string, count: number, what: string, preferred = 'y'): Promise<Int32Array> {
  const arr = await readArray(path, preferred);
  if (arr.dtype === 'float32' || arr.dtype === 'float64') {
    if (!Array.from(arr.data).every(Number.isInteger)) throw new StrnnError('INPUT', `${path}: ${what} must be integers, found ${arr.dtype} values with fractions`);
  }
  // A vector: (B,), or B x 1 / 1 x B as MATLAB stores vectors.
  const flat = arr.shape.length === 1 || (arr.shape.length === 2 && (arr.shape[1] === 1 || arr.shape[0] === 1));
  if (!flat || arr.data.length !== count) {
    throw new StrnnError('INPUT', `${path}: ${what} must have shape (${count},) to match the samples, found (${arr.shape.join(', ')})`);
  }
  return Int32Array.from(arr.data as ArrayLike<number>);
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
