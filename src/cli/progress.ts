// Progress for long work, on stderr: a bar with an ETA on a terminal, plain lines (or nothing) otherwise
// (logs, CI, pipes). The output stream is a parameter so tests can stand in a terminal.
import cliProgress from 'cli-progress';
import type { EpochStats, TrainStop } from '../train/train.js';

/** Where progress goes: process.stderr, or a test's stand-in with isTTY set. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

export interface TrainingProgress {
  unit(label: string): void;
  batch(epoch: number, batch: number, batches: number): void;
  epoch(stats: EpochStats): void;
  /** The last line of a training run: when and why it stopped, and the epoch kept. */
  stop(stop: TrainStop): void;
  done(): void;
}

const fmt = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));

function epochLine(s: EpochStats): string {
  return `epoch ${s.epoch}/${s.maxEpochs}: loss ${fmt(s.trainLoss)} acc ${fmt(s.trainAccuracy)} | val loss ${fmt(s.valLoss)} acc ${fmt(s.valAccuracy)} | ${s.seconds.toFixed(1)} s`;
}

export function trainingProgress(quiet = false, out: ProgressStream = process.stderr): TrainingProgress {
  if (quiet) return { unit() {}, batch() {}, epoch() {}, stop() {}, done() {} };
  if (!out.isTTY) {
    return {
      unit: (label) => out.write(`${label}\n`),
      batch() {},
      epoch: (s) => out.write(`  ${epochLine(s)}\n`),
      stop: (s) => out.write(`  ${s.message}\n`),
      done() {},
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  let label = '';
  const closeBar = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    unit(l) {
      closeBar();
      label = l;
    },
    batch(epoch, batch, batches) {
      if (!bar) {
        bar = new cliProgress.SingleBar({ stream: out, format: `${label} | epoch {epoch} [{bar}] {value}/{total} batches | {info}`, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(batches, 0, { epoch, info: '' });
      }
      if (batch === 1) bar.setTotal(batches);
      bar.update(batch, { epoch });
    },
    epoch(s) {
      closeBar();
      out.write(`${label}  ${epochLine(s)}\n`);
    },
    stop(s) {
      closeBar();
      out.write(`${label}  ${s.message}\n`);
    },
    done: closeBar,
  };
}

export interface CountProgress {
  /** `done` of `total` items finished; `info` is shown after the count. */
  update(done: number, total: number, info?: string): void;
  done(): void;
}

/**
 * A bar with an ETA for `total` items of long silent work (sequences written, frames preprocessed,
 * experiment units), on a terminal only: elsewhere it prints nothing (callers log what they need).
 */
export function countProgress(label: string, items: string, out: ProgressStream = process.stderr): CountProgress {
  if (!out.isTTY) return { update() {}, done() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total, info = '') {
      if (!bar) {
        bar = new cliProgress.SingleBar({
          stream: out, format: `${label} [{bar}] {value}/{total} ${items} | ETA {eta_formatted} {info}`, hideCursor: true, clearOnComplete: false, etaBuffer: 20,
        }, cliProgress.Presets.shades_classic);
        bar.start(total, 0, { info });
      }
      bar.setTotal(total);
      bar.update(done, { info });
    },
    done() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** Seconds left at a constant rate, as a short text ("4 min", "35 s"), for progress lines without a bar. */
export function etaText(elapsedSeconds: number, done: number, total: number): string {
  if (done <= 0) return '?';
  const left = (elapsedSeconds / done) * (total - done);
  return left >= 90 ? `${Math.round(left / 60)} min` : `${Math.round(left)} s`;
}

export interface FileProgress {
  /** One file finished (computed or reused); `done` of `total`. */
  file(name: string, reused: boolean, done: number, total: number): void;
  done(): void;
}

/** Per-file progress: a bar on a terminal, one line per computed file otherwise. */
export function fileProgress(label: string, total: number, quiet = false): FileProgress {
  const out = process.stderr;
  if (quiet) return { file() {}, done() {} };
  if (!out.isTTY) {
    return {
      file: (name, reused, done, n) => {
        if (!reused) out.write(`[${done}/${n}] ${name}\n`);
      },
      done() {},
    };
  }
  const bar = new cliProgress.SingleBar({ stream: out, format: `${label} [{bar}] {value}/{total} files | ETA {eta_formatted} {name}`, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, { name: '' });
  return {
    file: (name, _reused, done) => bar.update(done, { name }),
    done: () => bar.stop(),
  };
}
