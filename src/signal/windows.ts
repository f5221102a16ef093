// Fixed-length windows over one trial. Window i covers samples [i·stride, i·stride + length); only
// whole windows are kept, so a SEED trial of 200·T + 1 samples gives T one-second windows.
import { StrnnError } from '../util/errors.js';

export interface WindowPlan {
  count: number;
  lengthSamples: number;
  strideSamples: number;
}

/**
 * Seconds → samples, refusing durations that are not a whole number of samples (a silently rounded
 * window would change DE values and the window count). `what` names the setting in the error.
 */
export function secondsToSamples(sec: number, fsHz: number, what: string): number {
  const exact = sec * fsHz;
  const n = Math.round(exact);
  if (!(n >= 1) || Math.abs(exact - n) > 1e-6) {
    throw new StrnnError('CONFIG', `${what} ${sec} s at ${fsHz} Hz is ${exact} samples; expected a whole number ≥ 1`);
  }
  return n;
}

/** Plan the windows of a signal of `samples` samples. */
export function planWindows(samples: number, fsHz: number, windowSec: number, strideSec = windowSec): WindowPlan {
  const lengthSamples = secondsToSamples(windowSec, fsHz, 'window length');
  const strideSamples = secondsToSamples(strideSec, fsHz, 'window stride');
  const count = samples >= lengthSamples ? Math.floor((samples - lengthSamples) / strideSamples) + 1 : 0;
  return { count, lengthSamples, strideSamples };
}
