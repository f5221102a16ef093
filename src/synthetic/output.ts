// Where synthetic trees may be written: never over anything strnn did not write. A new or empty
// folder is fine. A non-empty one is refused, the same way for every format; `force` replaces it only
// when it is clearly a previous synthetic output: it holds the marker file `.strnn-synth.json`
// (written first, into the empty folder, then completed with the list of files written) and nothing
// the marker does not list, apart from strnn's own preprocessing cache (.strnn-cache/).
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { StrnnError } from '../util/errors.js';

export const SYNTH_MARKER = '.strnn-synth.json';
const OWN_CACHE = '.strnn-cache';

interface SynthMarker {
  format: 'strnn-synth/1';
  dataset: string;
  /** False while writing: the folder was empty when the marker was put there, so it is all ours. */
  complete: boolean;
  /** Files written, relative to the folder, '/'-separated. */
  files: string[];
}

/** Every file under `dir` (relative, '/'-separated), leaving out the marker and strnn's cache. */
function listFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under)).flatMap((name) => {
    const rel = under ? `${under}/${name}` : name;
    if (rel === SYNTH_MARKER || rel === OWN_CACHE) return [];
    return statSync(join(dir, rel)).isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

function readMarker(dir: string): SynthMarker | undefined {
  const path = join(dir, SYNTH_MARKER);
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Partial<SynthMarker>;
    return m.format === 'strnn-synth/1' && Array.isArray(m.files) ? (m as SynthMarker) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses an output folder that is not new or empty, unless `force` is set and the folder is a
 * previous synthetic output holding only files that output wrote. Checks only; changes nothing.
 */
export function checkSyntheticOutput(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new StrnnError('USAGE', `${dir}: output path is a file, not a folder`, 'choose a new folder for the synthetic tree');
  if (readdirSync(dir).length === 0) return;
  if (!force) {
    throw new StrnnError('USAGE', `${dir}: output folder is not empty`, 'choose a new or empty folder, or pass --force to replace a previous strnn synth output there');
  }
  const marker = readMarker(dir);
  if (!marker) {
    throw new StrnnError('USAGE', `${dir}: not replacing a folder that strnn synth did not write (no ${SYNTH_MARKER} in it)`, 'choose a new or empty folder; --force only replaces a previous synthetic tree');
  }
  if (!marker.complete) return;
  const ours = new Set(marker.files);
  const foreign = listFiles(dir).find((f) => !ours.has(f));
  if (foreign !== undefined) {
    throw new StrnnError('USAGE', `${dir}: not replacing it: ${foreign} was not written by strnn synth`, 'move your own files out of the folder, or choose a new folder');
  }
}

/** Checks the folder (as checkSyntheticOutput), empties a replaceable previous output and marks the folder as being written. */
export function beginSyntheticOutput(dir: string, dataset: string, force: boolean): void {
  checkSyntheticOutput(dir, force);
  if (existsSync(dir)) for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  writeMarker(dir, { format: 'strnn-synth/1', dataset, complete: false, files: [] });
}

/** Records every file now under `dir` in the marker: the folder is a complete synthetic output. */
export function finishSyntheticOutput(dir: string, dataset: string): void {
  writeMarker(dir, { format: 'strnn-synth/1', dataset, complete: true, files: listFiles(dir).sort() });
}

function writeMarker(dir: string, marker: SynthMarker): void {
  writeFileAtomic(join(dir, SYNTH_MARKER), JSON.stringify(marker) + '\n');
}
