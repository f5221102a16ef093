// Label files → class indices. strnn's labels are class indices 0..C-1; files in the wild use other
// codings (MATLAB's 1-based classes, SEED's -1/0/1). Anything that is not exactly 0..C-1 is refused
// with a hint, or mapped explicitly with --label-map (-1:negative,0:neutral,1:positive). The class
// count comes from --classes, the map, or the distinct labels — never from the largest label, so one
// stray label of 100,000,000 is an error, not a 100-million-class model.
import { StrnnError } from '../util/errors.js';

/** More classes than this is surely a misread file (and the head would be huge). */
export const MAX_CLASSES = 1000;

/** `--classes a,b,c`: names, each non-empty and distinct. */
export function parseClassNames(text: string, flag = '--classes'): string[] {
  const names = text.split(',').map((s) => s.trim());
  const empty = names.findIndex((n) => n === '');
  if (empty >= 0) throw new StrnnError('USAGE', `${flag} "${text}": name ${empty + 1} is empty; expected comma-separated class names such as negative,neutral,positive`);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new StrnnError('USAGE', `${flag} "${text}": class "${dup}" appears twice; every class needs its own name`);
  if (names.length < 2) throw new StrnnError('USAGE', `${flag} "${text}": ${names.length} class; a classifier needs at least two`);
  if (names.length > MAX_CLASSES) throw new StrnnError('USAGE', `${flag}: ${names.length} classes, at most ${MAX_CLASSES} are supported`);
  return names;
}

/** `--label-map -1:negative,0:neutral,1:positive`: file value → class name, in class order. */
export function parseLabelMap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const item of text.split(',')) {
    const m = /^\s*(-?\d+)\s*:\s*(.*?)\s*$/.exec(item);
    if (!m || m[2] === '') throw new StrnnError('USAGE', `--label-map "${text}": "${item}" is not value:name; expected e.g. -1:negative,0:neutral,1:positive`);
    const value = Number(m[1]);
    if (map.has(value)) throw new StrnnError('USAGE', `--label-map "${text}": value ${value} is mapped twice`);
    map.set(value, m[2]!);
  }
  const names = [...map.values()];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new StrnnError('USAGE', `--label-map "${text}": class "${dup}" is named twice; map each value to its own class`);
  if (map.size < 2) throw new StrnnError('USAGE', `--label-map "${text}": one class; a classifier needs at least two`);
  if (map.size > MAX_CLASSES) throw new StrnnError('USAGE', `--label-map: ${map.size} classes, at most ${MAX_CLASSES} are supported`);
  return map;
}

/** A hint for the usual codings that are not 0..C-1. */
function codingHint(distinct: number[]): string {
  const sorted = [...distinct].sort((a, b) => a - b);
  const K = sorted.length;
  if (sorted.every((v, i) => v === i + 1)) {
    return `the labels look 1-based (MATLAB): subtract 1, or pass --label-map ${sorted.map((v) => `${v}:class${v - 1}`).join(',')}`;
  }
  if (sorted.every((v) => v >= -1 && v <= 1) && sorted.includes(-1)) {
    return `SEED codes emotions as -1/0/1: pass --label-map -1:negative,0:neutral,1:positive`;
  }
  return K <= 10
    ? `labels must be class indices 0..C-1: pass --label-map ${sorted.map((v, i) => `${v}:class${i}`).join(',')} or --classes with one name per class`
    : 'labels must be class indices 0..C-1; map them with --label-map value:name,... or pass --classes with one name per class';
}

/** Maps raw label values through a --label-map, naming the first value it lacks. */
function applyLabelMap(raw: ArrayLike<number>, path: string, map: Map<number, string>, classNames: readonly string[]): Int32Array {
  const index = new Map([...map].map(([value, name]) => [value, classNames.indexOf(name)]));
  const y = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const c = index.get(raw[i]!);
    if (c === undefined) throw new StrnnError('INPUT', `${path}: label ${raw[i]} of sample ${i} is not in --label-map (which maps ${[...map.keys()].join(', ')})`);
    y[i] = c;
  }
  return y;
}

export interface LabelOptions {
  classes?: string;
  labelMap?: string;
}

/**
 * Training labels: class indices and class names from the raw values of a label file, with
 * --classes or --label-map (not both). Refuses values outside 0..C-1 with a hint about the coding.
 */
export function resolveTrainingLabels(raw: ArrayLike<number>, path: string, o: LabelOptions): { y: Int32Array; classNames: string[] } {
  if (o.classes !== undefined && o.labelMap !== undefined) {
    throw new StrnnError('USAGE', '--classes and --label-map both name the classes; pass one (the map: value:name,...)');
  }
  if (o.labelMap !== undefined) {
    const map = parseLabelMap(o.labelMap);
    const classNames = [...map.values()];
    return { y: applyLabelMap(raw, path, map, classNames), classNames };
  }
  const distinct = [...new Set(Array.from(raw))];
  const classNames = o.classes !== undefined
    ? parseClassNames(o.classes)
    : distinct.length > MAX_CLASSES
      ? tooManyClasses(path, distinct.length)
      : Array.from({ length: Math.max(2, distinct.length) }, (_, i) => `class${i}`);
  const C = classNames.length;
  const bad = Array.from(raw).findIndex((v) => !(v >= 0 && v < C));
  if (bad >= 0) {
    throw new StrnnError('INPUT', `${path}: label ${raw[bad]} of sample ${bad} is outside 0..${C - 1} (${C} classes from ${o.classes !== undefined ? '--classes' : `the ${distinct.length} distinct labels`})`, codingHint(distinct));
  }
  return { y: Int32Array.from(raw), classNames };
}

function tooManyClasses(path: string, n: number): never {
  throw new StrnnError('INPUT', `${path}: ${n} distinct labels; at most ${MAX_CLASSES} classes are supported`, 'is this the labels file? labels are one class index per sample');
}

/** Labels for an existing model (evaluate): raw values must be its class indices, or mapped to its class names. */
export function resolveModelLabels(raw: ArrayLike<number>, path: string, classNames: readonly string[], labelMap?: string): Int32Array {
  if (labelMap !== undefined) {
    const map = parseLabelMap(labelMap);
    const unknown = [...map.values()].find((n) => !classNames.includes(n));
    if (unknown !== undefined) throw new StrnnError('USAGE', `--label-map: class "${unknown}" is not one of the model's classes (${classNames.join(', ')})`);
    return applyLabelMap(raw, path, map, classNames);
  }
  const C = classNames.length;
  const bad = Array.from(raw).findIndex((v) => !(v >= 0 && v < C));
  if (bad >= 0) {
    throw new StrnnError('INPUT', `${path}: label ${raw[bad]} of sample ${bad} is outside 0..${C - 1}: the model has ${C} classes (${classNames.join(', ')})`,
      codingHint([...new Set(Array.from(raw))]));
  }
  return Int32Array.from(raw);
}

/** Group ids of any integer size (int64 ids above 2^32 included) as dense trial indices, first seen first. */
export function denseGroups(raw: ArrayLike<number>): Int32Array {
  const ids = new Map<number, number>();
  return Int32Array.from(Array.from(raw), (v) => {
    if (!ids.has(v)) ids.set(v, ids.size);
    return ids.get(v)!;
  });
}
