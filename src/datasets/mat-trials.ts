// Reading trial variables out of one MAT-file by name, shared by the SEED, SEED-IV and DEAP readers.
// Trials are numbered by their variable names (`de_LDS7`, `djc_eeg7`), never by variable order, and
// every shape is checked: a feature array must have exactly one axis of the node count and one of the
// band count; a raw array must be channels x samples.
import type { MatFile } from '../formats/mat/index.js';
import { readNumeric, toRowMajor } from '../formats/mat/index.js';
import { StrnnError } from '../util/errors.js';

const dimsText = (dims: readonly number[]) => dims.join('x');

/**
 * Variables `<prefix><n>` of a file, sorted by n. Refuses duplicates of one number and numbers
 * outside 1..expected; a missing trial is an error naming the numbers found.
 */
export function numberedVariables(file: MatFile, pattern: RegExp, expected: number, what: string): { name: string; trial: number; prefix: string }[] {
  const found: { name: string; trial: number; prefix: string }[] = [];
  for (const name of file.names()) {
    const m = pattern.exec(name);
    if (!m) continue;
    found.push({ name, prefix: m[1]!, trial: Number(m[2]) });
  }
  found.sort((a, b) => a.trial - b.trial);
  const numbers = found.map((f) => f.trial);
  const ok = found.length === expected && numbers.every((n, i) => n === i + 1);
  if (!ok) {
    const shown = found.length ? found.map((f) => f.name).slice(0, 30).join(', ') + (found.length > 30 ? ', ...' : '') : 'none';
    throw new StrnnError('INPUT', `${file.path}: expected ${what} numbered 1..${expected}, found ${found.length}: ${shown}`,
      found.length === 0 ? `variables in the file: ${file.names().slice(0, 12).join(', ')}${file.names().length > 12 ? ', ...' : ''}` : undefined);
  }
  return found;
}

/**
 * One feature array, MATLAB dims in any order holding one axis of `nodes` and one of `bands` plus the
 * window axis, returned row-major W x nodes x bands. When sizes coincide (e.g. 5 windows) the
 * documented order nodes x W x bands decides.
 */
export function readFeatureArray(file: MatFile, name: string, nodes: number, bands: number): { data: Float32Array; windows: number } {
  const at = `${file.path}: variable "${name}"`;
  const info = file.info(name);
  const dims = info.dims.length === 2 ? [...info.dims, 1] : info.dims;
  if (dims.length !== 3) throw new StrnnError('INPUT', `${at}: expected a 3-D array ${nodes} x windows x ${bands}, found ${dimsText(info.dims)}`);
  let nodeAxis: number;
  let bandAxis: number;
  if (dims[0] === nodes && dims[2] === bands) {
    nodeAxis = 0;
    bandAxis = 2;
  } else {
    const nodeAxes = dims.flatMap((d, k) => (d === nodes ? [k] : []));
    const bandAxes = dims.flatMap((d, k) => (d === bands ? [k] : []));
    if (nodeAxes.length !== 1 || bandAxes.length !== 1) {
      throw new StrnnError('INPUT', `${at}: expected one axis of ${nodes} nodes and one of ${bands} bands (documented ${nodes} x windows x ${bands}), found ${dimsText(info.dims)}`);
    }
    nodeAxis = nodeAxes[0]!;
    bandAxis = bandAxes[0]!;
  }
  const windowAxis = 3 - nodeAxis - bandAxis;
  const windows = dims[windowAxis]!;
  if (windows < 1) throw new StrnnError('INPUT', `${at}: the window axis is empty (${dimsText(info.dims)})`);
  const { data } = readNumeric(file, name);
  const ordered = toRowMajor(data, dims, [windowAxis, nodeAxis, bandAxis]).data;
  checkFinite(ordered, at);
  return { data: Float32Array.from(ordered), windows };
}

/** One raw trial, channels x samples (either orientation in the file), as row-major Float64Array. */
export function readRawArray(file: MatFile, name: string, channels: number): { data: Float64Array; samples: number } {
  const at = `${file.path}: variable "${name}"`;
  const info = file.info(name);
  if (info.dims.length !== 2 || !info.dims.includes(channels)) {
    throw new StrnnError('INPUT', `${at}: expected ${channels} channels x samples, found ${dimsText(info.dims)}`);
  }
  const { data, dims } = readNumeric(file, name);
  const channelAxis = dims[0] === channels ? 0 : 1;
  const samples = dims[1 - channelAxis]!;
  if (samples < 1) throw new StrnnError('INPUT', `${at}: the trial has no samples (${dimsText(dims)})`);
  const out = toRowMajor(data, dims, [channelAxis, 1 - channelAxis]).data;
  checkFinite(out, at);
  return { data: out, samples };
}

function checkFinite(a: ArrayLike<number>, at: string): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) throw new StrnnError('INPUT', `${at}: element ${i} is ${a[i]}; expected finite numbers`);
  }
}

/** Refuses a label list holding a single class, naming where the labels came from. */
export function checkClassBalance(labels: readonly number[], classNames: readonly string[], source: string): void {
  const counts = classNames.map((_, c) => labels.filter((l) => l === c).length);
  if (counts.filter((n) => n > 0).length < 2) {
    throw new StrnnError('INPUT', `${source}: every trial has the same class (${counts.map((n, c) => `${classNames[c]} ${n}`).join(', ')}); a classifier trained on it would learn nothing`,
      'check the label file and the label mapping');
  }
}
