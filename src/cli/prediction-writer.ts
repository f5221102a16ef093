// Writes `strnn predict` results as they are computed, chunk by chunk, so memory does not grow with
// the number of samples: json (one document: model, classNames, predictions, skipped), jsonl (one
// JSON row per sample; a left-out sample is a row { index, skipped }) or csv (index, predicted, one
// probability column per class; a left-out sample has empty cells). Output goes to stdout or to a
// file written atomically (a failed run leaves no partial file).
import { extname } from 'node:path';
import { openAtomicWriter } from '../util/atomic-write.js';

export type PredictionFormat = 'json' | 'jsonl' | 'csv';

/** The format when --format is not given: from --out's extension, else json on a terminal and jsonl on a pipe or file. */
export function defaultPredictionFormat(outFile: string | undefined, stdoutIsTty: boolean): PredictionFormat {
  if (outFile !== undefined) {
    const ext = extname(outFile).toLowerCase();
    return ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : 'jsonl';
  }
  return stdoutIsTty ? 'json' : 'jsonl';
}

export interface PredictionWriter {
  /** Samples first..first+count-1: `probs` holds the rows of `kept` (ascending), the rest were left out. */
  chunk(first: number, count: number, kept: readonly number[], probs: Float32Array): void;
  /** Finishes the output (closes the JSON document; renames the file into place). */
  end(): void;
  /** Drops a partial output file (stdout cannot be taken back). */
  abort(): void;
}

interface Sink {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

function openSink(outFile: string | undefined): Sink {
  if (outFile === undefined) return { write: (t) => void process.stdout.write(t), commit: () => {}, abort: () => {} };
  return openAtomicWriter(outFile);
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function createPredictionWriter(format: PredictionFormat, outFile: string | undefined, head: { model: string; classNames: readonly string[]; input?: Record<string, unknown> }): PredictionWriter {
  const sink = openSink(outFile);
  const { classNames } = head;
  const C = classNames.length;
  const skipped: number[] = [];
  let rowsWritten = 0;
  const rowObject = (index: number, p: Float32Array) => {
    const probs = Array.from(p);
    const best = probs.indexOf(Math.max(...probs));
    return { index, predicted: classNames[best], probabilities: Object.fromEntries(classNames.map((c, j) => [c, probs[j]])) };
  };
  // The head is written with the first rows, so an input refused before any row leaves stdout empty.
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    if (format === 'json') {
      sink.write(`{"model":${JSON.stringify(head.model)},"classNames":${JSON.stringify(classNames)},${head.input ? `"input":${JSON.stringify(head.input)},` : ''}"predictions":[`);
    } else if (format === 'csv') {
      sink.write(['index', 'predicted', ...classNames].map(csvCell).join(',') + '\n');
    }
  };
  return {
    chunk(first, count, kept, probs) {
      start();
      const lines: string[] = [];
      let k = 0;
      for (let index = first; index < first + count; index++) {
        if (kept[k] !== index) {
          skipped.push(index);
          if (format === 'jsonl') lines.push(JSON.stringify({ index, skipped: 'non-finite values' }));
          if (format === 'csv') lines.push(`${index},${','.repeat(C)}`);
          continue;
        }
        const p = probs.subarray(k * C, (k + 1) * C);
        k++;
        const row = rowObject(index, p);
        if (format === 'csv') lines.push([String(index), csvCell(row.predicted!), ...Array.from(p, String)].join(','));
        else if (format === 'jsonl') lines.push(JSON.stringify(head.input ? { ...row, input: head.input } : row));
        else lines.push(`${rowsWritten + lines.length === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
      }
      if (format === 'json') {
        rowsWritten += lines.length;
        sink.write(lines.join(''));
      } else if (lines.length) {
        sink.write(lines.join('\n') + '\n');
      }
    },
    end() {
      start();
      if (format === 'json') sink.write(`${rowsWritten ? '\n' : ''}],"skipped":${JSON.stringify(skipped)}}\n`);
      sink.commit();
    },
    abort: () => sink.abort(),
  };
}
