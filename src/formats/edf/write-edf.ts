// EDF / BDF / EDF+C / BDF+C writer, for test fixtures and for users exporting recordings.
// Physical values are quantised to d = round((p − pmin)·(dmax − dmin)/(pmax − pmin) + dmin),
// clamped to [dmin, dmax]; reading back gives p to within half a digital step.
// With `plus: true` (required for annotations) an 'EDF Annotations' signal is added whose first TAL
// in each record keeps time (+r·duration), and each annotation goes into the record holding its
// onset (the first or last record when it lies outside the recording).
import { writeFileAtomic } from '../../util/atomic-write.js';
import { StrnnError } from '../../util/errors.js';
import { encodeTals } from './tal.js';
import type { EdfAnnotation, EdfFormat, EdfSignal } from './types.js';

export interface EdfSignalInput {
  label: string;
  fsHz: number;
  /** Physical values; length must be a whole number of records (records·fsHz·recordDurationSec). */
  data: Float64Array;
  physicalDimension?: string;
  transducer?: string;
  prefiltering?: string;
  /** Defaults: the data's minimum and maximum (widened by 1 when the data are constant). */
  physicalMin?: number;
  physicalMax?: number;
  /** Defaults: the full sample range of the format. */
  digitalMin?: number;
  digitalMax?: number;
}

export interface EdfWriteInput {
  format: EdfFormat;
  /** Write EDF+C / BDF+C with an annotation signal (default: true when annotations are given). */
  plus?: boolean;
  patient?: string;
  recording?: string;
  /** dd.mm.yy (default 01.01.00). */
  startDate?: string;
  /** hh.mm.ss (default 00.00.00). */
  startTime?: string;
  recordDurationSec: number;
  signals: EdfSignalInput[];
  annotations?: EdfAnnotation[];
}

const DIGITAL_RANGE: Record<EdfFormat, [number, number]> = { edf: [-32768, 32767], bdf: [-8388608, 8388607] };
const BYTES_PER_SAMPLE: Record<EdfFormat, number> = { edf: 2, bdf: 3 };

// A header field: printable ASCII, left-aligned, space-padded to its width.
function field(value: string, width: number, what: string): string {
  if (value.length > width || !/^[\x20-\x7e]*$/.test(value)) {
    throw new StrnnError('INPUT', `EDF header field ${what} '${value}' must be printable ASCII of at most ${width} characters`);
  }
  return value.padEnd(width, ' ');
}

// A number in at most `width` characters: the shortest exact form, else fewer significant digits.
function numberField(v: number, width: number, what: string): string {
  if (!Number.isFinite(v)) throw new StrnnError('INPUT', `EDF header field ${what} is ${v}, expected a finite number`);
  let s = String(v);
  for (let digits = 15; s.length > width && digits >= 1; digits--) {
    s = String(Number(v.toPrecision(digits)));
  }
  if (s.length > width || /e/i.test(s)) {
    throw new StrnnError('INPUT', `EDF header field ${what} = ${v} does not fit in ${width} characters`);
  }
  return s.padEnd(width, ' ');
}

/** A signal's header fields as they will be written (the read side's EdfSignal minus its samples). */
interface PreparedSignal extends Omit<EdfSignal, 'fsHz' | 'data'> {
  /** Digital samples, records x samplesPerRecord (for the annotation signal: raw bytes). */
  digital: Int32Array | Uint8Array;
}

/** Encode an EDF/BDF file to bytes. */
export function encodeEdf(input: EdfWriteInput): Uint8Array {
  const { format, recordDurationSec } = input;
  const annotations = input.annotations ?? [];
  const plus = input.plus ?? annotations.length > 0;
  if (annotations.length > 0 && !plus) throw new StrnnError('INPUT', 'annotations need EDF+/BDF+ (plus: true)');
  if (!(recordDurationSec > 0)) throw new StrnnError('INPUT', `record duration must be positive, got ${recordDurationSec} s`);
  if (input.signals.length === 0) throw new StrnnError('INPUT', 'an EDF file needs at least one signal');
  const [lowest, highest] = DIGITAL_RANGE[format];
  const bytesPerSample = BYTES_PER_SAMPLE[format];

  let records = -1;
  const prepared: PreparedSignal[] = input.signals.map((sig) => {
    const sprExact = sig.fsHz * recordDurationSec;
    const spr = Math.round(sprExact);
    if (!(spr >= 1) || Math.abs(spr - sprExact) > 1e-9) {
      throw new StrnnError('INPUT', `signal '${sig.label}': ${sig.fsHz} Hz x ${recordDurationSec} s is not a whole number of samples per record`);
    }
    if (sig.data.length % spr !== 0) {
      throw new StrnnError('INPUT', `signal '${sig.label}': ${sig.data.length} samples is not a whole number of ${spr}-sample records`);
    }
    const n = sig.data.length / spr;
    if (records >= 0 && n !== records) {
      throw new StrnnError('INPUT', `signal '${sig.label}' covers ${n} records, the first signal ${records}; all signals must have the same duration`);
    }
    records = n;
    let lo = Infinity, hi = -Infinity;
    for (const v of sig.data) {
      if (!Number.isFinite(v)) throw new StrnnError('INPUT', `signal '${sig.label}' contains ${v}`);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (lo === hi || sig.data.length === 0) {
      lo = (Number.isFinite(lo) ? lo : 0) - 1;
      hi = lo + 2;
    }
    const pmin = sig.physicalMin ?? lo, pmax = sig.physicalMax ?? hi;
    const dmin = sig.digitalMin ?? lowest, dmax = sig.digitalMax ?? highest;
    if (!(dmin < dmax) || dmin < lowest || dmax > highest || !Number.isInteger(dmin) || !Number.isInteger(dmax)) {
      throw new StrnnError('INPUT', `signal '${sig.label}': digital range [${dmin}, ${dmax}] must be integers with min < max inside [${lowest}, ${highest}]`);
    }
    if (pmin === pmax) throw new StrnnError('INPUT', `signal '${sig.label}': physical minimum equals maximum (${pmin})`);
    const scale = (dmax - dmin) / (pmax - pmin);
    const digital = new Int32Array(sig.data.length);
    for (let i = 0; i < digital.length; i++) {
      digital[i] = Math.min(dmax, Math.max(dmin, Math.round((sig.data[i]! - pmin) * scale + dmin)));
    }
    return {
      label: sig.label,
      samplesPerRecord: spr,
      physicalDimension: sig.physicalDimension ?? '',
      transducer: sig.transducer ?? '',
      prefiltering: sig.prefiltering ?? '',
      physicalMin: pmin,
      physicalMax: pmax,
      digitalMin: dmin,
      digitalMax: dmax,
      digital,
    };
  });

  if (plus) {
    // One TAL block per record; the annotation signal is as long as the longest block, 0-padded.
    const perRecord: EdfAnnotation[][] = Array.from({ length: records }, () => []);
    for (const a of annotations) {
      const r = Math.min(records - 1, Math.max(0, Math.floor(a.onsetSec / recordDurationSec)));
      perRecord[r]!.push(a);
    }
    const blocks = perRecord.map((list, r) => encodeTals(r * recordDurationSec, list));
    const longest = Math.max(...blocks.map((b) => b.length), 1);
    const spr = Math.ceil(longest / bytesPerSample);
    const raw = new Uint8Array(records * spr * bytesPerSample);
    blocks.forEach((b, r) => raw.set(b, r * spr * bytesPerSample));
    prepared.push({
      label: format === 'edf' ? 'EDF Annotations' : 'BDF Annotations',
      samplesPerRecord: spr,
      physicalDimension: '',
      transducer: '',
      prefiltering: '',
      physicalMin: -1,
      physicalMax: 1,
      digitalMin: lowest,
      digitalMax: highest,
      digital: raw,
    });
  }

  const ns = prepared.length;
  const headerBytes = 256 * (ns + 1);
  const reserved = plus ? `${format.toUpperCase()}+C` : format === 'bdf' ? '24BIT' : '';
  let header =
    (format === 'bdf' ? '\xffBIOSEMI' : field('0', 8, 'version')) +
    field(input.patient ?? (plus ? 'X X X X' : ''), 80, 'patient') +
    field(input.recording ?? (plus ? 'Startdate X X X X' : ''), 80, 'recording') +
    field(input.startDate ?? '01.01.00', 8, 'start date') +
    field(input.startTime ?? '00.00.00', 8, 'start time') +
    numberField(headerBytes, 8, 'header bytes') +
    field(reserved, 44, 'reserved') +
    numberField(records, 8, 'number of records') +
    numberField(recordDurationSec, 8, 'record duration') +
    numberField(ns, 4, 'number of signals');
  const each = (fn: (s: PreparedSignal) => string): void => {
    header += prepared.map(fn).join('');
  };
  each((s) => field(s.label, 16, `label of '${s.label}'`));
  each((s) => field(s.transducer, 80, `transducer of '${s.label}'`));
  each((s) => field(s.physicalDimension, 8, `physical dimension of '${s.label}'`));
  each((s) => numberField(s.physicalMin, 8, `physical minimum of '${s.label}'`));
  each((s) => numberField(s.physicalMax, 8, `physical maximum of '${s.label}'`));
  each((s) => numberField(s.digitalMin, 8, `digital minimum of '${s.label}'`));
  each((s) => numberField(s.digitalMax, 8, `digital maximum of '${s.label}'`));
  each((s) => field(s.prefiltering, 80, `prefiltering of '${s.label}'`));
  each((s) => numberField(s.samplesPerRecord, 8, `samples per record of '${s.label}'`));
  each(() => ' '.repeat(32));

  const recordBytes = prepared.reduce((acc, s) => acc + s.samplesPerRecord * bytesPerSample, 0);
  const out = new Uint8Array(headerBytes + records * recordBytes);
  for (let i = 0; i < headerBytes; i++) out[i] = header.charCodeAt(i);
  let at = headerBytes;
  for (let r = 0; r < records; r++) {
    for (const s of prepared) {
      if (s.digital instanceof Uint8Array) {
        const n = s.samplesPerRecord * bytesPerSample;
        out.set(s.digital.subarray(r * n, (r + 1) * n), at);
        at += n;
        continue;
      }
      for (let i = 0; i < s.samplesPerRecord; i++) {
        const d = s.digital[r * s.samplesPerRecord + i]!;
        out[at++] = d & 0xff;
        out[at++] = (d >> 8) & 0xff;
        if (bytesPerSample === 3) out[at++] = (d >> 16) & 0xff;
      }
    }
  }
  return out;
}

/** Write an EDF/BDF file atomically. */
export function writeEdf(path: string, input: EdfWriteInput): void {
  writeFileAtomic(path, encodeEdf(input));
}
