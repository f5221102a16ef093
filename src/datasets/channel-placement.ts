// Placing a recording's EEG channels on a grid montage for STRNN. Temporary stand-in for
// placeChannels (src/montage/place-channels.ts, branch recordings-readers, with 10-05 positions and
// generated grids): until it lands, channels are placed on the SEED 9x9 map where their 10-10 names
// exist there (matched by channelKey), and every other channel is dropped with its reason.
import type { Montage } from '../montage/montage.js';
import { validateMontage } from '../montage/montage.js';
import { SEED_62 } from '../montage/seed62.js';
import { channelKey } from './channel-names.js';

export interface ChannelPlacement {
  montage: Montage;
  /** The kept labels as given, in montage node order. */
  channels: string[];
  dropped: { label: string; reason: string }[];
}

export function placeChannels(labels: readonly string[]): ChannelPlacement {
  const cellOf = new Map(SEED_62.nodes.map((n) => [n.name, n]));
  const kept: { label: string; row: number; col: number }[] = [];
  const dropped: { label: string; reason: string }[] = [];
  const used = new Set<string>();
  for (const label of labels) {
    const key = channelKey(label);
    const node = cellOf.get(key);
    if (!node) dropped.push({ label, reason: 'no known scalp position on the 10-10 map' });
    else if (used.has(key)) dropped.push({ label, reason: `a second channel for electrode ${key}` });
    else {
      used.add(key);
      kept.push({ label, row: node.row, col: node.col });
    }
  }
  // Node order: front to back, left to right, like the SEED files.
  kept.sort((a, b) => a.row - b.row || a.col - b.col);
  const montage: Montage = kept.length === 0
    ? { name: 'none', rows: SEED_62.rows, cols: SEED_62.cols, nodes: [] }
    : validateMontage({ name: `10-10-${kept.length}`, rows: SEED_62.rows, cols: SEED_62.cols, nodes: kept.map((k) => ({ name: k.label, row: k.row, col: k.col })) });
  return { montage, channels: kept.map((k) => k.label), dropped };
}
