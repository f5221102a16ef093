// A montage as text: one line per grid row, each cell the channel placed there ('-' when empty),
// columns padded to the widest name — what `strnn montage show` prints.
import type { Montage } from './montage.js';

/** Grid text of a montage; `labels[i]` (default: the node names) is written in node i's cell. */
export function formatMontageGrid(montage: Montage, labels: readonly string[] = montage.nodes.map((n) => n.name)): string {
  const cells: string[][] = Array.from({ length: montage.rows }, () => Array<string>(montage.cols).fill('-'));
  montage.nodes.forEach((n, i) => (cells[n.row]![n.col] = labels[i] ?? n.name));
  const width = Math.max(1, ...cells.flat().map((c) => c.length));
  return cells.map((row) => row.map((c) => c.padEnd(width)).join(' ').trimEnd()).join('\n');
}
