// Typed view of an EDF, EDF+, BDF or BDF+ file as strnn reads and writes it.
// Shapes: each signal's `data` holds samples of all data records in order (records x
// samplesPerRecord); for EDF+D (discontinuous) the records are not evenly spaced in time and
// `recordOnsetsSec` says where each one starts.

export type EdfFormat = 'edf' | 'bdf';

/** EDF+/BDF+ continuity: 'C' continuous, 'D' discontinuous; undefined for plain EDF/BDF. */
export type EdfPlus = 'C' | 'D' | undefined;

export interface EdfHeader {
  format: EdfFormat;
  plus: EdfPlus;
  patient: string;
  recording: string;
  /** As stored, dd.mm.yy. */
  startDate: string;
  /** As stored, hh.mm.ss. */
  startTime: string;
  headerBytes: number;
  /** Number of data records read (computed from the file size when the header says -1). */
  recordCount: number;
  recordDurationSec: number;
  /** Signals in the file, annotation signals included. */
  signalCount: number;
}

export interface EdfSignal {
  label: string;
  /** samplesPerRecord / recordDurationSec. */
  fsHz: number;
  physicalDimension: string;
  transducer: string;
  prefiltering: string;
  physicalMin: number;
  physicalMax: number;
  digitalMin: number;
  digitalMax: number;
  samplesPerRecord: number;
  /** Physical values: (d − dmin)·(pmax − pmin)/(dmax − dmin) + pmin. */
  data: Float64Array;
}

export interface EdfAnnotation {
  /** Seconds from the file's start date and time (may be negative in EDF+). */
  onsetSec: number;
  /** Undefined when the TAL gives no duration. */
  durationSec: number | undefined;
  text: string;
}

export interface EdfFile {
  header: EdfHeader;
  /** Ordinary signals only; annotation signals are decoded into `annotations`. */
  signals: EdfSignal[];
  annotations: EdfAnnotation[];
  /** Start of each data record in seconds (r·duration unless an EDF+ time-keeping TAL says otherwise). */
  recordOnsetsSec: Float64Array;
}
