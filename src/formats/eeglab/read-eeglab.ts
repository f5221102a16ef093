// EEGLAB datasets (.set, Delorme & Makeig 2004; one of BIDS-EEG's formats): a MAT-file holding the
// EEG structure, either as one variable 'EEG' (older EEGLAB) or as its fields saved as top-level
// variables (EEGLAB's pop_saveset since 2019). Read through src/formats/mat (level 5 here and in
// readEeglab; v7.3 through loadEeglab, which opens HDF5 asynchronously).
//   srate               sampling rate (Hz)
//   nbchan, pnts        channels C and samples S; trials must be 1 (continuous data; epoched sets
//                       are refused: their epochs are not one recording)
//   data                C x S numeric (single or double, µV), or the name of a .fdt file next to the
//                       .set holding float32 little-endian values, column-major C x S (channel fastest)
//   chanlocs(c).labels  channel names (chanlocs(c).type, when set, is the channel type)
//   event(k).type       text (or a number, written as text); .latency in 1-based samples (may be
//                       fractional); .duration in samples (optional)
// An event becomes { onsetSec: (latency − 1)/srate, durationSec: duration/srate, text: type }.
// Errors name the file and the field.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { channelTypeFromLabel } from '../channel-type.js';
import { Mat5File, openMat, parseMatHeader } from '../mat/index.js';
import type { MatFile, MatStructElement, MatValue } from '../mat/index.js';
import type { RecordingChannel, RecordingEvent, RecordingFile } from '../recording.js';
import { StrnnError } from '../../util/errors.js';

/** MAT-file version field of v7.3 (HDF5) files. */
const V73_VERSION = 0x0200;

/** A field of the EEG structure, wherever the file keeps it. */
type FieldGetter = (name: string) => MatValue | undefined;

function fieldsOf(mat: MatFile, path: string): FieldGetter {
  if (mat.has('EEG')) {
    const eeg = mat.read('EEG');
    if (eeg.kind !== 'struct' || eeg.elements.length !== 1) {
      throw new StrnnError('INPUT', `${path}: variable EEG is a ${eeg.kind} with dims ${eeg.dims.join('x')}, expected a 1x1 struct`);
    }
    const element = eeg.elements[0]!;
    return (name) => element[name];
  }
  if (!mat.has('srate') || !mat.has('data')) {
    throw new StrnnError('INPUT', `${path}: neither a variable EEG nor the variables srate and data (found ${mat.names().join(', ') || 'none'}); not an EEGLAB .set file`);
  }
  return (name) => (mat.has(name) ? mat.read(name) : undefined);
}

function scalar(v: MatValue | undefined, path: string, field: string): number {
  if (v?.kind !== 'numeric' || v.real.length !== 1) {
    throw new StrnnError('INPUT', `${path}: EEG.${field} is ${v === undefined ? 'missing' : `a ${v.kind} with dims ${v.dims.join('x')}`}, expected a number`);
  }
  return Number(v.real[0]!);
}

function text(v: MatValue | undefined): string | undefined {
  if (v?.kind === 'char') return v.rows.join('').trim();
  if (v?.kind === 'numeric' && v.real.length === 1) return String(Number(v.real[0]!));
  return undefined;
}

function structElements(v: MatValue | undefined, path: string, field: string): MatStructElement[] {
  if (v === undefined) return [];
  if (v.kind === 'struct') return v.elements;
  if ((v.kind === 'numeric' || v.kind === 'cell') && v.dims.includes(0)) return []; // [] or {} when empty
  throw new StrnnError('INPUT', `${path}: EEG.${field} is a ${v.kind}, expected a struct array`);
}

function channelsOf(get: FieldGetter, C: number, path: string): RecordingChannel[] {
  const locs = structElements(get('chanlocs'), path, 'chanlocs');
  if (locs.length !== C) throw new StrnnError('INPUT', `${path}: EEG.chanlocs has ${locs.length} entries, EEG.nbchan is ${C}; expected one label per channel`);
  return locs.map((loc, c) => {
    const label = text(loc['labels']);
    if (label === undefined || label === '') throw new StrnnError('INPUT', `${path}: EEG.chanlocs(${c + 1}).labels is empty; expected a channel name`);
    const type = text(loc['type']);
    return { label, unit: 'µV', type: type !== undefined && type !== '' ? type.toUpperCase() : channelTypeFromLabel(label) };
  });
}

function eventsOf(get: FieldGetter, fsHz: number, path: string): RecordingEvent[] {
  const events = structElements(get('event'), path, 'event').map((e, k) => {
    const type = text(e['type']);
    const latency = e['latency'] === undefined ? undefined : scalar(e['latency'], path, `event(${k + 1}).latency`);
    if (type === undefined || latency === undefined || !Number.isFinite(latency)) {
      throw new StrnnError('INPUT', `${path}: EEG.event(${k + 1}) needs a type and a finite latency (1-based samples)`);
    }
    const duration = e['duration'];
    const durationSamples = duration?.kind === 'numeric' && duration.real.length === 1 ? Number(duration.real[0]!) : 0;
    return { onsetSec: (latency - 1) / fsHz, durationSec: Number.isFinite(durationSamples) && durationSamples > 0 ? durationSamples / fsHz : 0, text: type };
  });
  return events.sort((a, b) => a.onsetSec - b.onsetSec);
}

function dataOf(get: FieldGetter, C: number, S: number, path: string): Float64Array {
  const v = get('data');
  const out = new Float64Array(C * S);
  if (v?.kind === 'char') {
    const fdt = join(dirname(path), v.rows.join('').trim());
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(fdt);
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') throw new StrnnError('NOT_FOUND', `${fdt}: no such file (EEG.data of ${path})`);
      throw e;
    }
    if (bytes.length !== 4 * C * S) {
      throw new StrnnError('FORMAT', `${fdt}: ${bytes.length} bytes, expected ${4 * C * S} (float32 x ${C} channels x ${S} samples, from ${path})`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let s = 0; s < S; s++) for (let c = 0; c < C; c++) out[c * S + s] = view.getFloat32(4 * (s * C + c), true);
    return out;
  }
  if (v?.kind !== 'numeric' || v.imag !== undefined) {
    throw new StrnnError('INPUT', `${path}: EEG.data is ${v === undefined ? 'missing' : `a ${v.kind}`}, expected a real ${C} x ${S} array or a .fdt file name`);
  }
  if (v.dims[0] !== C || v.real.length !== C * S) {
    throw new StrnnError('INPUT', `${path}: EEG.data has dims ${v.dims.join('x')}, expected ${C} x ${S} (nbchan x pnts)`);
  }
  for (let s = 0; s < S; s++) for (let c = 0; c < C; c++) out[c * S + s] = Number(v.real[s * C + c]!);
  return out;
}

/** The EEG structure of an open .set MAT-file as a RecordingFile. */
export function eeglabToRecording(mat: MatFile, path: string): RecordingFile {
  const get = fieldsOf(mat, path);
  const fsHz = scalar(get('srate'), path, 'srate');
  if (!(fsHz > 0)) throw new StrnnError('INPUT', `${path}: EEG.srate is ${fsHz}, expected a positive rate`);
  const C = scalar(get('nbchan'), path, 'nbchan');
  const S = scalar(get('pnts'), path, 'pnts');
  const trials = get('trials') === undefined ? 1 : scalar(get('trials'), path, 'trials');
  if (trials !== 1) throw new StrnnError('UNSUPPORTED', `${path}: EEG.trials is ${trials} (epoched data); expected continuous data (trials = 1)`, 'use the continuous recording the epochs were cut from');
  if (!Number.isInteger(C) || C < 1 || !Number.isInteger(S) || S < 1) throw new StrnnError('INPUT', `${path}: EEG.nbchan ${C} and EEG.pnts ${S} must be positive integers`);
  return {
    path, format: 'eeglab', fsHz, channels: channelsOf(get, C, path), samples: S,
    data: dataOf(get, C, S, path), events: eventsOf(get, fsHz, path),
  };
}

/** Read a level-5 (v6/v7) .set file synchronously; v7.3 files need loadEeglab. */
export function readEeglab(path: string): RecordingFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new StrnnError('NOT_FOUND', `${path}: no such file`);
    throw e;
  }
  if (parseMatHeader(bytes, path).version === V73_VERSION) {
    throw new StrnnError('UNSUPPORTED', `${path}: a v7.3 (HDF5) .set file cannot be read synchronously`, 'read it with loadRecordingFile (asynchronous)');
  }
  return eeglabToRecording(Mat5File.fromBytes(bytes, path), path);
}

/** Read any .set file (level 5 or v7.3 / HDF5). */
export async function loadEeglab(path: string): Promise<RecordingFile> {
  const mat = await openMat(path);
  try {
    return eeglabToRecording(mat, path);
  } finally {
    mat.close();
  }
}
