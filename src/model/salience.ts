// Salience from the sparse projections (spec: "Interpretation"): |G_r| summed over the four
// directions and the K_s columns gives one value per node (electrode or face patch); |Hf| + |Hb|
// summed over the K_t columns gives one value per time slice.
import { DIRECTIONS } from '../montage/sweeps.js';
import type { StrnnModel } from './model.js';

/** One value per node, in montage order. */
export function spatialSalience(model: StrnnModel): Float64Array {
  const { kS } = model.config;
  const out = new Float64Array(model.nodes);
  for (const r of DIRECTIONS) {
    const G = model.param(`spatial.${r}.G`);
    for (let v = 0; v < model.nodes; v++) for (let j = 0; j < kS; j++) out[v] += Math.abs(G[v * kS + j]!);
  }
  return out;
}

/** One value per time slice t = 1..T (index 0 = first slice). */
export function temporalSalience(model: StrnnModel): Float64Array {
  const { T, kT } = model.config;
  const out = new Float64Array(T);
  for (const dir of ['fwd', 'bwd']) {
    const H = model.param(`temporal.${dir}.H`);
    for (let t = 0; t < T; t++) for (let j = 0; j < kT; j++) out[t] += Math.abs(H[t * kT + j]!);
  }
  return out;
}
