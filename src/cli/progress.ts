// Progress for long work, on stderr: a bar on a terminal, plain lines otherwise (logs, CI, pipes).
import cliProgress from 'cli-progress';
import type { EpochStats } from '../train/train.js';

export interface TrainingProgress {
  unit(label: string): void;
  batch(epoch: number, batch: number, batches: number): void;
  epoch(stats: EpochStats): void;
  done(): void;
}

const fmt = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));

function epochLine(s: EpochStats): string {
  return `epoch ${s.epoch}: loss ${fmt(s.trainLoss)} acc ${fmt(s.trainAccuracy)} | val loss ${fmt(s.valLoss)} acc ${fmt(s.valAccuracy)} | ${s.seconds.toFixed(1)} s`;
}

export function trainingProgress(quiet = false): TrainingProgress {
  const out = process.stderr;
  if (quiet) return { unit() {}, batch() {}, epoch() {}, done() {} };
  if (!out.isTTY) {
    return {
      unit: (label) => out.write(`${label}\n`),
      batch() {},
      epoch: (s) => out.write(`  ${epochLine(s)}\n`),
      done() {},
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  let label = '';
  return {
    unit(l) {
      bar?.stop();
      bar = undefined;
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
      bar?.update({ info: `val acc ${fmt(s.valAccuracy)}` });
      if (bar) {
        bar.stop();
        bar = undefined;
      }
      out.write(`${label}  ${epochLine(s)}\n`);
    },
    done() {
      bar?.stop();
    },
  };
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
  const bar = new cliProgress.SingleBar({ stream: out, format: `${label} [{bar}] {value}/{total} files | {name}`, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, { name: '' });
  return {
    file: (name, _reused, done) => bar.update(done, { name }),
    done: () => bar.stop(),
  };
}
