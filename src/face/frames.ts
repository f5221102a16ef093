// Which T frames of a sequence become the model's T time slices.
// - CK+ sequences run neutral (first frame) -> peak (last frame): take the last T frames, which end on
//   the peak. A sequence shorter than T is padded at the front by repeating its first (neutral) frame.
// - MMI sequences run onset -> apex -> offset: take T frames centred on the apex (apex at slice
//   floor((T-1)/2)), shifted to stay inside the sequence; shorter sequences are padded as above.
// - A whole clip summarised (user videos, `frames: 'spread'`): T frames evenly spaced from the first
//   to the last, so the time slices cover the clip's whole course whatever its length.
import { StrnnError } from '../util/errors.js';

function check(count: number, T: number): void {
  if (!Number.isInteger(count) || count < 1) throw new StrnnError('INPUT', `a face sequence needs at least one frame, found ${count}`);
  if (!Number.isInteger(T) || T < 1) throw new StrnnError('CONFIG', `frames per sample T must be a positive integer, found ${T}`);
}

function padded(count: number, T: number): number[] {
  return [...Array<number>(T - count).fill(0), ...Array.from({ length: count }, (_, i) => i)];
}

/** 0-based frame indices of the last T frames (front-padded with frame 0 when count < T). */
export function selectLastFrames(count: number, T: number): number[] {
  check(count, T);
  if (count < T) return padded(count, T);
  return Array.from({ length: T }, (_, i) => count - T + i);
}

/** 0-based frame indices of T consecutive frames centred on 0-based frame `apex`. */
export function selectAroundApex(count: number, T: number, apex: number): number[] {
  check(count, T);
  if (!Number.isInteger(apex) || apex < 0 || apex >= count) {
    throw new StrnnError('INPUT', `apex frame ${apex} is outside the sequence's frames 0..${count - 1}`);
  }
  if (count < T) return padded(count, T);
  const start = Math.min(Math.max(apex - Math.floor((T - 1) / 2), 0), count - T);
  return Array.from({ length: T }, (_, i) => start + i);
}

/**
 * 0-based indices of T frames evenly spaced over the sequence, first and last included (frame
 * round(i · (count - 1) / (T - 1)) for slice i; the middle frame when T = 1). A sequence shorter than
 * T has its frames repeated evenly, in order, rather than padded at one end.
 */
export function selectSpreadFrames(count: number, T: number): number[] {
  check(count, T);
  if (T === 1) return [Math.floor((count - 1) / 2)];
  return Array.from({ length: T }, (_, i) => Math.round((i * (count - 1)) / (T - 1)));
}
