// Replay of an in-memory recording as a live source: chunks of fixed or random size, paced in real
// time, at a multiple of it, or as fast as the consumer takes them. Used by the file source and by
// `strnn live --demo`. Pacing uses timers only (setTimeout exists in browsers too); no Node built-ins.
import { StrnnError } from '../../util/errors.js';
import type { Rng } from '../../util/random.js';
import type { SourceInfo, StreamChunk, StreamSource } from '../types.js';

/** 'realtime' (1x), 'max' (no waiting) or a speed factor (2 = twice real time). */
export type ReplaySpeed = 'realtime' | 'max' | number;

/** Parses --speed: realtime, max, or a positive factor such as 10 or 0.5. */
export function parseReplaySpeed(text: string): ReplaySpeed {
  if (text === 'realtime' || text === 'max') return text;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new StrnnError('USAGE', `--speed: expected realtime, max or a positive factor such as 10, got '${text}'`);
  return n;
}

export interface ReplayOptions {
  speed?: ReplaySpeed;
  /** Frames per chunk (default: 20 ms of samples, as many devices push; 1 s at speed 'max'); with `rng`, the maximum of a random size 1 … chunkFrames. */
  chunkFrames?: number;
  rng?: Rng;
  /** 'channels': chunks as channel rows, copied from the recording without a transpose (the live pipeline takes both); default 'frames'. */
  layout?: 'frames' | 'channels';
}

/**
 * A source replaying `data` (C x S row-major, the layout readers return) as frames x C chunks (or
 * C x frames with layout 'channels').
 * Chunks carry no timestamps: the pipeline's clock counts samples from 0.
 */
export function replaySource(info: SourceInfo, data: Float32Array | Float64Array, options: ReplayOptions = {}): StreamSource {
  const C = info.channelCount, S = data.length / C;
  if (!Number.isInteger(S)) throw new StrnnError('INPUT', `${info.name}: ${data.length} values do not split into ${C} channels`);
  const speed = options.speed ?? 'realtime';
  const factor = speed === 'max' ? Infinity : speed === 'realtime' ? 1 : speed;
  // At full speed nothing waits, so bigger chunks only save per-chunk overhead (features do not depend on chunking).
  const chunkFrames = Math.max(1, options.chunkFrames ?? Math.round(factor === Infinity ? info.fsHz : info.fsHz / 50));
  const rows = options.layout === 'channels';
  let closed = false;
  let wake: (() => void) | undefined;
  const source: StreamSource = {
    open: () => Promise.resolve(info),
    async *chunks(): AsyncGenerator<StreamChunk> {
      const started = performance.now();
      for (let i = 0; i < S && !closed;) {
        const n = Math.min(S - i, options.rng ? 1 + options.rng.int(chunkFrames) : chunkFrames);
        const frames = data instanceof Float32Array ? new Float32Array(n * C) : new Float64Array(n * C);
        if (rows) for (let c = 0; c < C; c++) frames.set(data.subarray(c * S + i, c * S + i + n), c * n);
        else for (let c = 0; c < C; c++) for (let j = 0; j < n; j++) frames[j * C + c] = data[c * S + i + j]!;
        i += n;
        // A chunk is due when its last sample would have been recorded.
        const dueMs = factor === Infinity ? 0 : (1000 * i) / info.fsHz / factor - (performance.now() - started);
        if (dueMs > 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, dueMs);
          });
        } else if (i % (chunkFrames * 64) < n) {
          // At full speed, let signals and timers in now and then.
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
        }
        if (closed) break;
        yield { data: frames, frames: n, ...(rows && { layout: 'channels' as const }) };
      }
      source.onStatus?.({ state: 'ended', message: `${info.name}: end of recording` });
    },
    close() {
      closed = true;
      wake?.();
      return Promise.resolve();
    },
  };
  return source;
}
