// EDF, EDF+ (C and D), BDF and BDF+ reader. Written by hand: the npm reader `edfdecoder` decodes BDF
// silently into wrong numbers, and reading the format is short.
//
// Layout: a 256-byte main header and 256 bytes per signal, all ASCII and space-padded (per-signal
// fields come field by field: all labels, then all transducers, …), then the data records. Each
// record holds, signal after signal, samplesPerRecord samples: int16 little-endian (EDF) or 24-bit
// little-endian two's complement (BDF). physical = (d − dmin)·(pmax − pmin)/(dmax − dmin) + pmin.
// Signals labelled 'EDF Annotations' / 'BDF Annotations' carry TALs (see tal.ts).
//
// Hostile input: every header number is parsed strictly and range-checked, and the data size is
// checked against the file size before anything is allocated, so a broken file costs no more memory
// than its own size and fails with a StrnnError naming the file, the field or signal, and what was
// expected.
import { StrnnError } from '../../util/errors.js';
import { readFileBytes } from '../read-bytes.js';
import { parseTals } from './tal.js';
import type { EdfAnnotation, EdfFile, EdfFormat, EdfHeader, EdfPlus, EdfSignal } from './types.js';

const MAIN_HEADER_BYTES = 256;
const SIGNAL_HEADER_BYTES = 256;
/** Per-signal fields in file order: name, width, and how the text is parsed. */
const SIGNAL_FIELDS = [
  ['label', 16, 'text'],
  ['transducer', 80, 'text'],
  ['physicalDimension', 8, 'text'],
  ['physicalMin', 8, 'number'],
  ['physicalMax', 8, 'number'],
  ['digitalMin', 8, 'integer'],
  ['digitalMax', 8, 'integer'],
  ['prefiltering', 80, 'text'],
  ['samplesPerRecord', 8, 'integer'],
  ['reserved', 32, 'text'],
] as const;

/** One signal's header as stored (the signal's fields without its data). */
type SignalHeader = Omit<EdfSignal, 'fsHz' | 'data'>;
const DIGITAL_RANGE: Record<EdfFormat, [number, number]> = { edf: [-32768, 32767], bdf: [-8388608, 8388607] };
const BYTES_PER_SAMPLE: Record<EdfFormat, number> = { edf: 2, bdf: 3 };
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a label names an annotation signal ('EDF Annotations' or 'BDF Annotations'). */
export function isAnnotationLabel(label: string): boolean {
  return label === 'EDF Annotations' || label === 'BDF Annotations';
}

class FieldReader {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
  ) {}

  text(offset: number, width: number): string {
    let s = '';
    for (let i = offset; i < offset + width; i++) s += String.fromCharCode(this.bytes[i]!);
    return s.trimEnd().replace(/^ +/, '');
  }

  number(offset: number, width: number, what: string, integer: boolean): number {
    const raw = this.text(offset, width);
    const v = Number(raw);
    if (!NUMBER.test(raw) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      throw new StrnnError(
        'FORMAT',
        `${this.file}: header field ${what} is '${raw}', expected ${integer ? 'an integer' : 'a number'}`,
      );
    }
    return v;
  }
}

function formatError(file: string, message: string): StrnnError {
  return new StrnnError('FORMAT', `${file}: ${message}`);
}

/** Read and decode an EDF/BDF file from disk. */
export function readEdf(path: string): EdfFile {
  return parseEdf(readFileBytes(path), path);
}

/** Decode EDF/BDF bytes; `file` names the source in error messages. */
export function parseEdf(bytes: Uint8Array, file = '<buffer>'): EdfFile {
  if (bytes.length < MAIN_HEADER_BYTES) {
    throw formatError(file, `header: expected at least ${MAIN_HEADER_BYTES} bytes, found ${bytes.length}`);
  }
  const f = new FieldReader(bytes, file);
  let format: EdfFormat;
  if (bytes[0] === 0xff && f.text(1, 7) === 'BIOSEMI') format = 'bdf';
  else if (f.text(0, 8) === '0') format = 'edf';
  else throw formatError(file, `version field is '${f.text(0, 8)}', expected '0' (EDF) or 0xFF 'BIOSEMI' (BDF)`);

  const headerBytes = f.number(184, 8, 'header bytes', true);
  const reserved = f.text(192, 44);
  const declaredRecords = f.number(236, 8, 'number of data records', true);
  const recordDurationSec = f.number(244, 8, 'record duration', false);
  const signalCount = f.number(252, 4, 'number of signals', true);
  if (signalCount < 1) throw formatError(file, `header: number of signals is ${signalCount}, expected at least 1`);
  const expectedHeader = MAIN_HEADER_BYTES + SIGNAL_HEADER_BYTES * signalCount;
  if (headerBytes !== expectedHeader) {
    throw formatError(file, `header bytes field is ${headerBytes}, expected 256 + 256·${signalCount} = ${expectedHeader}`);
  }
  if (bytes.length < headerBytes) {
    throw formatError(file, `header: ${signalCount} signals need ${headerBytes} header bytes, file has ${bytes.length}`);
  }
  if (declaredRecords < -1) throw formatError(file, `number of data records is ${declaredRecords}, expected ≥ 0 or -1`);
  if (recordDurationSec < 0) throw formatError(file, `record duration is ${recordDurationSec} s, expected ≥ 0`);
  const plusMatch = /^(EDF|BDF)\+([CD])/.exec(reserved);
  const plus: EdfPlus = plusMatch ? (plusMatch[2] as 'C' | 'D') : undefined;

  // Per-signal fields: field k of signal s sits at 256 + ns·(widths of fields before k) + s·width.
  const parsed = Array.from({ length: signalCount }, () => new Map<string, string | number>());
  let offset = MAIN_HEADER_BYTES;
  for (const [name, width, kind] of SIGNAL_FIELDS) {
    for (let s = 0; s < signalCount; s++) {
      const at = offset + s * width;
      parsed[s]!.set(name, kind === 'text' ? f.text(at, width) : f.number(at, width, `${name} of signal ${s + 1}`, kind === 'integer'));
    }
    offset += signalCount * width;
  }
  const signalHeaders: SignalHeader[] = parsed.map((m) => ({
    label: m.get('label') as string,
    transducer: m.get('transducer') as string,
    physicalDimension: m.get('physicalDimension') as string,
    physicalMin: m.get('physicalMin') as number,
    physicalMax: m.get('physicalMax') as number,
    digitalMin: m.get('digitalMin') as number,
    digitalMax: m.get('digitalMax') as number,
    prefiltering: m.get('prefiltering') as string,
    samplesPerRecord: m.get('samplesPerRecord') as number,
  }));

  const [lowest, highest] = DIGITAL_RANGE[format];
  const bytesPerSample = BYTES_PER_SAMPLE[format];
  let recordBytes = 0;
  const signalOffsets: number[] = [];
  signalHeaders.forEach((h, s) => {
    const label = h.label;
    const where = `signal ${s + 1} ('${label}')`;
    const spr = h.samplesPerRecord;
    if (spr < 1) throw formatError(file, `${where}: samples per record is ${spr}, expected at least 1`);
    if (!isAnnotationLabel(label)) {
      const dmin = h.digitalMin, dmax = h.digitalMax;
      if (!(dmin < dmax)) {
        throw formatError(file, `${where}: digital minimum ${dmin} must be below digital maximum ${dmax}`);
      }
      if (dmin < lowest || dmax > highest) {
        throw formatError(file, `${where}: digital range [${dmin}, ${dmax}] exceeds the ${format.toUpperCase()} sample range [${lowest}, ${highest}]`);
      }
      if (!(recordDurationSec > 0)) {
        throw formatError(file, `record duration is ${recordDurationSec} s; signals other than annotations need a positive duration`);
      }
    }
    signalOffsets.push(recordBytes);
    recordBytes += spr * bytesPerSample;
  });

  const dataBytes = bytes.length - headerBytes;
  let recordCount = declaredRecords;
  if (declaredRecords === -1) {
    // Recording still in progress when the header was written: count whole records present.
    recordCount = Math.floor(dataBytes / recordBytes);
  } else if (declaredRecords * recordBytes > dataBytes) {
    throw formatError(
      file,
      `data truncated: ${declaredRecords} records of ${recordBytes} bytes need ${declaredRecords * recordBytes} bytes after the header, found ${dataBytes}`,
    );
  }

  const header: EdfHeader = {
    format,
    plus,
    patient: f.text(8, 80),
    recording: f.text(88, 80),
    startDate: f.text(168, 8),
    startTime: f.text(176, 8),
    headerBytes,
    recordCount,
    recordDurationSec,
    signalCount,
  };

  const signals: EdfSignal[] = [];
  const annotations: EdfAnnotation[] = [];
  const recordOnsetsSec = new Float64Array(recordCount);
  for (let r = 0; r < recordCount; r++) recordOnsetsSec[r] = r * recordDurationSec;
  let firstAnnotationSignal = true;

  signalHeaders.forEach((h, s) => {
    const label = h.label;
    const spr = h.samplesPerRecord;
    if (isAnnotationLabel(label)) {
      for (let r = 0; r < recordCount; r++) {
        const start = headerBytes + r * recordBytes + signalOffsets[s]!;
        const tals = parseTals(bytes.subarray(start, start + spr * bytesPerSample), `${file}: signal ${s + 1} ('${label}') record ${r + 1}`);
        if (firstAnnotationSignal && plus !== undefined && tals.firstOnsetSec !== undefined) {
          recordOnsetsSec[r] = tals.firstOnsetSec;
        }
        for (const a of tals.annotations) annotations.push(a); // no spread: a record may hold very many TALs
      }
      firstAnnotationSignal = false;
      return;
    }
    const { digitalMin: dmin, digitalMax: dmax, physicalMin: pmin, physicalMax: pmax } = h;
    const gain = (pmax - pmin) / (dmax - dmin);
    const data = new Float64Array(recordCount * spr);
    for (let r = 0; r < recordCount; r++) {
      let at = headerBytes + r * recordBytes + signalOffsets[s]!;
      for (let i = 0; i < spr; i++) {
        let d: number;
        if (format === 'edf') {
          d = (bytes[at]! | (bytes[at + 1]! << 8)) << 16 >> 16; // sign-extend 16 bits
          at += 2;
        } else {
          d = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) << 8 >> 8; // sign-extend 24 bits
          at += 3;
        }
        data[r * spr + i] = (d - dmin) * gain + pmin;
      }
    }
    signals.push({ ...h, fsHz: spr / recordDurationSec, data });
  });
  annotations.sort((a, b) => a.onsetSec - b.onsetSec);
  return { header, signals, annotations, recordOnsetsSec };
}
