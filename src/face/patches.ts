// Patch features: the crop is cut into a rows x cols grid of p x p patches; each patch is one STRNN
// node and its p·p pixels (row-major inside the patch) are the node's features (spec "Input": 8x8
// patches of 8x8 px on a 64x64 crop, d_in = 64). Node n = r·cols + c, which is the node order of
// gridMontage(rows, cols), so feature rows line up with the montage's grid cells.
import { StrnnError } from '../util/errors.js';

export interface PatchGrid {
  rows: number;
  cols: number;
  /** Patch side in pixels. */
  patch: number;
}

/** Writes one frame's N x dIn features (N = rows·cols, dIn = patch²) into out at `offset`. */
export function patchFeatures(crop: Float32Array, cropWidth: number, grid: PatchGrid, out: Float32Array, offset = 0): void {
  const { rows, cols, patch } = grid;
  if (cropWidth !== cols * patch || crop.length !== rows * patch * cropWidth) {
    throw new StrnnError('CONFIG', `crop of ${cropWidth} x ${crop.length / cropWidth} px does not split into ${rows} x ${cols} patches of ${patch} x ${patch} px`);
  }
  const dIn = patch * patch;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const base = offset + (r * cols + c) * dIn;
      for (let py = 0; py < patch; py++) {
        const src = (r * patch + py) * cropWidth + c * patch;
        for (let px = 0; px < patch; px++) out[base + py * patch + px] = crop[src + px]!;
      }
    }
  }
}
