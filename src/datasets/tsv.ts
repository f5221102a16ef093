// Delimited text tables of recording datasets: BIDS `*_events.tsv` and `*_channels.tsv` (tab
// separated, first line the column names, 'n/a' for missing values) and the label / subject CSV
// files of a dataset description (comma separated, no quoting needed for their plain values).
import { existsSync, readFileSync } from 'node:fs';
import { StrnnError } from '../util/errors.js';

export interface Table {
  path: string;
  columns: string[];
  rows: Record<string, string>[];
}

/** Reads a table with a header line; `required` columns must be present (the error names the file). */
export function readTable(path: string, separator: '\t' | ',', required: readonly string[] = []): Table {
  if (!existsSync(path)) throw new StrnnError('NOT_FOUND', `${path}: file not found`);
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new StrnnError('INPUT', `${path}: empty table; expected a header line with the columns ${required.join(', ')}`);
  const columns = lines[0]!.split(separator).map((c) => c.trim());
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) throw new StrnnError('INPUT', `${path}: no column ${missing.map((c) => `'${c}'`).join(', ')}; found ${columns.join(', ')}`);
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(separator).map((c) => c.trim());
    if (cells.length !== columns.length) {
      throw new StrnnError('INPUT', `${path}: line ${i + 2} has ${cells.length} fields, the header has ${columns.length}`);
    }
    return Object.fromEntries(columns.map((c, j) => [c, cells[j]!]));
  });
  return { path, columns, rows };
}

/** A BIDS cell that holds a value ('n/a' and empty cells do not). */
export function hasValue(cell: string | undefined): cell is string {
  return cell !== undefined && cell !== '' && cell.toLowerCase() !== 'n/a';
}
