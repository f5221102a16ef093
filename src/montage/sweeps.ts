// The four directed sweeps of the spatial RNN (spec: "Graph: four directed sweeps over the grid").
//
// Direction r starts at one grid corner; the predecessors of node (i, j) are the occupied cells among
// its three neighbours towards that corner. Nodes at the same distance from the corner never depend
// on each other, so a sweep runs as a short sequence of wavefronts (17 on a full 9x9 grid) and every
// node of a wavefront is updated at once.
//
// Positions: each sweep lists the nodes in wavefront order ("positions"); the spatial RNN stores its
// states position-major so that a wavefront is one contiguous block of memory.
import type { Montage } from './montage.js';

export type Direction = 'tl' | 'tr' | 'bl' | 'br';

/** Spec order of the four directions (also the order of blocks in the per-slice feature m[t]). */
export const DIRECTIONS: readonly Direction[] = ['tl', 'tr', 'bl', 'br'];

// Row and column steps towards the origin corner of each direction.
const TOWARDS_ORIGIN: Record<Direction, { di: number; dj: number }> = {
  tl: { di: -1, dj: -1 },
  tr: { di: -1, dj: +1 },
  bl: { di: +1, dj: -1 },
  br: { di: +1, dj: +1 },
};

export interface Sweep {
  direction: Direction;
  /** order[p] = node index at position p (wavefront order). Length N. */
  order: Int32Array;
  /** position[v] = position of node v. Length N. */
  position: Int32Array;
  /** Wavefront w covers positions levelStart[w] .. levelStart[w+1]-1. Length levels + 1. */
  levelStart: Int32Array;
  /** Predecessors of position p: predPos[predStart[p] .. predStart[p+1]-1] (positions). Length N + 1. */
  predStart: Int32Array;
  predPos: Int32Array;
}

export function edgeCount(s: Sweep): number {
  return s.predPos.length;
}

export function levelCount(s: Sweep): number {
  return s.levelStart.length - 1;
}

/** Predecessor node indices of every node for one direction, in node order (the spec's P_r(v)). */
export function predecessors(m: Montage, direction: Direction): number[][] {
  const cell = new Map<number, number>();
  m.nodes.forEach((n, v) => cell.set(n.row * m.cols + n.col, v));
  const { di, dj } = TOWARDS_ORIGIN[direction];
  const at = (i: number, j: number): number | undefined =>
    i >= 0 && j >= 0 && i < m.rows && j < m.cols ? cell.get(i * m.cols + j) : undefined;
  return m.nodes.map(({ row: i, col: j }) =>
    // Same neighbour order as the spec's table: same row, diagonal, same column.
    [at(i, j + dj), at(i + di, j + dj), at(i + di, j)].filter((p): p is number => p !== undefined),
  );
}

/** Distance of node (i, j) from the direction's origin corner (its wavefront index before compaction). */
function distanceFromOrigin(m: Montage, direction: Direction, i: number, j: number): number {
  const { di, dj } = TOWARDS_ORIGIN[direction];
  const rowDist = di < 0 ? i : m.rows - 1 - i;
  const colDist = dj < 0 ? j : m.cols - 1 - j;
  return rowDist + colDist;
}

export function buildSweep(m: Montage, direction: Direction): Sweep {
  const n = m.nodes.length;
  const dist = m.nodes.map((node) => distanceFromOrigin(m, direction, node.row, node.col));
  // Stable sort: wavefront by wavefront, data order inside a wavefront.
  const orderList = Array.from({ length: n }, (_, v) => v).sort((a, b) => dist[a]! - dist[b]! || a - b);
  const order = Int32Array.from(orderList);
  const position = new Int32Array(n);
  order.forEach((v, p) => (position[v] = p));

  const starts: number[] = [];
  for (let p = 0; p < n; p++) if (p === 0 || dist[order[p]!] !== dist[order[p - 1]!]) starts.push(p);
  starts.push(n);

  const preds = predecessors(m, direction);
  const predStart = new Int32Array(n + 1);
  const predList: number[] = [];
  for (let p = 0; p < n; p++) {
    predStart[p] = predList.length;
    for (const u of preds[order[p]!]!) predList.push(position[u]!);
  }
  predStart[n] = predList.length;
  return { direction, order, position, levelStart: Int32Array.from(starts), predStart, predPos: Int32Array.from(predList) };
}

export function buildSweeps(m: Montage): Sweep[] {
  return DIRECTIONS.map((d) => buildSweep(m, d));
}
