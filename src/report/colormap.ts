// The sequential colour map of every salience figure: viridis (perceptually uniform, readable in
// gray and by colour-blind readers; matplotlib's default), as its ten published anchor colours with
// linear interpolation between them.
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

const ANCHORS = VIRIDIS.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));

/** RGB (0-255) of t in [0, 1] (clamped; NaN gives the lowest colour). */
export function viridis(t: number): [number, number, number] {
  const s = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) * (ANCHORS.length - 1) : 0;
  const i = Math.min(ANCHORS.length - 2, Math.floor(s));
  const f = s - i;
  const [a, b] = [ANCHORS[i]!, ANCHORS[i + 1]!];
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as [number, number, number];
}

export const viridisHex = (t: number) => `#${viridis(t).map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** The anchor colours, for SVG gradient stops and Vega scales. */
export const VIRIDIS_STOPS: readonly string[] = VIRIDIS;
