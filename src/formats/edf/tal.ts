// EDF+ Time-stamped Annotation Lists (TALs), the text inside an 'EDF Annotations' signal:
//   TAL     = onset [0x15 duration] 0x14 { text 0x14 } 0x00
//   onset   = ('+' | '-') decimal seconds from the file start;  duration = decimal seconds
// A record's annotation bytes hold TALs one after another, then 0x00 padding. The first TAL of
// each record in the first annotation signal is the time-keeping TAL (its first text is empty)
// whose onset is the start time of that data record. Text is UTF-8.
import { StrnnError } from '../../util/errors.js';
import type { EdfAnnotation } from './types.js';

const ONSET = /^[+-]\d+(\.\d*)?$/;
const DURATION = /^\d+(\.\d*)?$/;

export interface ParsedTals {
  /** Onset of the first TAL (the time-keeping TAL in the first annotation signal). */
  firstOnsetSec: number | undefined;
  annotations: EdfAnnotation[];
}

/** Parse the TALs of one record's annotation bytes; `where` names file, signal and record for errors. */
export function parseTals(bytes: Uint8Array, where: string): ParsedTals {
  const decoder = new TextDecoder('utf-8');
  const annotations: EdfAnnotation[] = [];
  let firstOnsetSec: number | undefined;
  let pos = 0;
  while (pos < bytes.length && bytes[pos] !== 0) {
    const end = bytes.indexOf(0, pos);
    if (end < 0) throw new StrnnError('FORMAT', `${where}: TAL at byte ${pos} is not terminated by 0x00`);
    const tal = bytes.subarray(pos, end);
    const firstSep = tal.indexOf(0x14);
    if (firstSep < 0) throw new StrnnError('FORMAT', `${where}: TAL at byte ${pos} has no 0x14 after its onset`);
    const timing = decoder.decode(tal.subarray(0, firstSep));
    const [onsetText, durationText, extra] = timing.split('\x15');
    if (!ONSET.test(onsetText ?? '') || extra !== undefined || (durationText !== undefined && !DURATION.test(durationText))) {
      throw new StrnnError(
        'FORMAT',
        `${where}: TAL at byte ${pos} has timing '${timing.split('\x15').join('\\x15')}', expected +onset or +onset\\x15duration`,
      );
    }
    const onsetSec = Number(onsetText);
    const durationSec = durationText === undefined ? undefined : Number(durationText);
    if (firstOnsetSec === undefined) firstOnsetSec = onsetSec;
    // Texts sit between 0x14 separators; the last byte before 0x00 must be a separator.
    if (tal[tal.length - 1] !== 0x14) throw new StrnnError('FORMAT', `${where}: TAL at byte ${pos} does not end with 0x14 before 0x00`);
    const texts = decoder.decode(tal.subarray(firstSep + 1, tal.length - 1)).split('\x14');
    for (const text of texts) {
      if (text !== '') annotations.push({ onsetSec, durationSec, text });
    }
    pos = end + 1;
  }
  return { firstOnsetSec, annotations };
}

/** Encode TALs (time-keeping first when `recordOnsetSec` is given) as bytes, without padding. */
export function encodeTals(recordOnsetSec: number | undefined, annotations: readonly EdfAnnotation[]): Uint8Array {
  const parts: string[] = [];
  const signed = (v: number): string => (v < 0 ? `-${formatSeconds(-v)}` : `+${formatSeconds(v)}`);
  if (recordOnsetSec !== undefined) parts.push(`${signed(recordOnsetSec)}\x14\x14\x00`);
  for (const a of annotations) {
    if (a.text.includes('\x14') || a.text.includes('\x00') || a.text.includes('\x15')) {
      throw new StrnnError('INPUT', `annotation text ${JSON.stringify(a.text)} contains a TAL separator byte`);
    }
    if (a.durationSec !== undefined && !(a.durationSec >= 0)) {
      throw new StrnnError('INPUT', `annotation '${a.text}' has duration ${a.durationSec}; expected ≥ 0`);
    }
    const duration = a.durationSec === undefined ? '' : `\x15${formatSeconds(a.durationSec)}`;
    parts.push(`${signed(a.onsetSec)}${duration}\x14${a.text}\x14\x00`);
  }
  return new TextEncoder().encode(parts.join(''));
}

// Plain decimal (TALs allow no exponent), shortest form that round-trips, trailing zeros dropped.
function formatSeconds(v: number): string {
  if (!Number.isFinite(v)) throw new StrnnError('INPUT', `annotation time ${v} is not finite`);
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(12).replace(/\.?0+$/, '');
}
