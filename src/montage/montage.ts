// Montages: named nodes placed on a rows x cols grid (row 0 = front of the head / top of the face).
// The STRNN graph is built from the occupied cells only (spec: "Graph: four directed sweeps").
import { z } from 'zod';
import { StrnnError } from '../util/errors.js';

export interface MontageNode {
  name: string;
  row: number;
  col: number;
}

export interface Montage {
  name: string;
  rows: number;
  cols: number;
  /** Node order = the order of nodes in the data (e.g. the channel order of the files). */
  nodes: MontageNode[];
}

/** Checks names are unique, cells are unique and inside the grid. Returns the montage unchanged. */
export function validateMontage(m: Montage, source = 'montage'): Montage {
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 1 || m.cols < 1) {
    throw new StrnnError('INPUT', `${source}: grid must have positive integer rows and cols, found ${m.rows} x ${m.cols}`);
  }
  if (m.nodes.length === 0) throw new StrnnError('INPUT', `${source}: montage has no nodes`);
  const names = new Map<string, number>();
  const cells = new Map<number, string>();
  m.nodes.forEach((node, i) => {
    if (!Number.isInteger(node.row) || !Number.isInteger(node.col) || node.row < 0 || node.col < 0 || node.row >= m.rows || node.col >= m.cols) {
      throw new StrnnError('INPUT', `${source}: node "${node.name}" at (${node.row}, ${node.col}) is outside the ${m.rows} x ${m.cols} grid`);
    }
    const key = node.name.toUpperCase();
    if (names.has(key)) throw new StrnnError('INPUT', `${source}: duplicate node name "${node.name}" (nodes ${names.get(key)} and ${i})`);
    names.set(key, i);
    const cell = node.row * m.cols + node.col;
    const other = cells.get(cell);
    if (other !== undefined) {
      throw new StrnnError('INPUT', `${source}: nodes "${other}" and "${node.name}" share cell (${node.row}, ${node.col})`);
    }
    cells.set(cell, node.name);
  });
  return m;
}

/**
 * A montage from a drawn grid (one string per row, cells separated by spaces, '-' for empty) and the
 * channel order of the data files; every channel must appear in the grid.
 */
export function montageFromGrid(name: string, grid: readonly string[], channels: readonly string[]): Montage {
  const cellOf = new Map<string, { row: number; col: number }>();
  grid.forEach((line, row) =>
    line.trim().split(/\s+/).forEach((cell, col) => {
      if (cell !== '-') cellOf.set(cell, { row, col });
    }),
  );
  const nodes = channels.map((channel) => {
    const cell = cellOf.get(channel);
    if (!cell) throw new StrnnError('INPUT', `${name} montage table: channel ${channel} has no grid cell`);
    return { name: channel, ...cell };
  });
  const cols = Math.max(...grid.map((line) => line.trim().split(/\s+/).length));
  return validateMontage({ name, rows: grid.length, cols, nodes });
}

/** Full rows x cols grid, node (i, j) named `r<i>c<j>`, row-major (used for face patch grids). */
export function gridMontage(rows: number, cols: number): Montage {
  const nodes: MontageNode[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) nodes.push({ name: `r${i}c${j}`, row: i, col: j });
  return validateMontage({ name: `grid-${rows}x${cols}`, rows, cols, nodes });
}

const montageSchema = z.object({
  name: z.string().default('custom'),
  rows: z.number().int().positive(),
  cols: z.number().int().positive(),
  nodes: z.array(z.object({ name: z.string().min(1), row: z.number().int(), col: z.number().int() })).min(1),
});

/** Parses and validates a montage given as JSON text: `{ rows, cols, nodes: [{ name, row, col }] }`. */
export function parseMontageJson(text: string, source = 'montage.json'): Montage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StrnnError('INPUT', `${source}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = montageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StrnnError(
      'INPUT',
      `${source}: ${issue.path.join('.') || 'montage'}: ${issue.message}`,
      'expected { "rows": 9, "cols": 9, "nodes": [{ "name": "FP1", "row": 0, "col": 3 }, ...] }',
    );
  }
  return validateMontage(parsed.data, source);
}
