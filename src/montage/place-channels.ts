// Placing a recording's channels on an STRNN grid, from their names:
//   1. --montage FILE.json (or any given montage): channels found in it by name take its cells;
//   2. otherwise every channel is looked up in the standard 10-05 positions (standard-1005.ts; case-
//      insensitive, 'EEG ' prefixes and reference suffixes ignored, T3/T4/T5/T6 as T7/T8/P7/P8);
//      when every placed channel is one of SEED's 62 electrodes they land on SEED's 9x9 map (the grid
//      STRNN was published with), else on a grid generated from their 10-05 lattice places: the rows
//      and half-columns the cap uses, in head order, empty ones removed — small, one cell per channel,
//      front-to-back and left-to-right order (so neighbours stay neighbours), the same for the same names.
// Channels that cannot be placed are dropped with a reason: a non-EEG type (EOG, ECG, …), no known
// position ('EXG1'), the same electrode twice, or missing from the given montage.
import { channelTypeFromLabel } from '../formats/channel-type.js';
import { StrnnError } from '../util/errors.js';
import { normalizeChannelLabel } from './channel-names.js';
import { validateMontage, type Montage, type MontageNode } from './montage.js';
import { SEED_62 } from './seed62.js';
import { standardPosition, type ElectrodePosition } from './standard-1005.js';

export interface PlaceChannelsOptions {
  /** Place channels by name on this montage instead of the standard positions. */
  montage?: Montage;
  /** Channel types as the file gives them (same order as the labels); channels typed other than EEG are dropped. */
  types?: readonly (string | undefined)[];
  /** Names the source in error messages (e.g. the recording file). */
  source?: string;
}

export interface DroppedChannel {
  label: string;
  reason: string;
}

export interface ChannelPlacement {
  /** Node i is channel `channels[i]`; node names are the electrode names (e.g. 'T7' for a 'T3' label). */
  montage: Montage;
  /** The label (as given) used for each node, in node order (= the order of the labels given). */
  channels: string[];
  dropped: DroppedChannel[];
}

const SEED_CELLS = new Map(SEED_62.nodes.map((n) => [n.name.toUpperCase(), n]));
/** A montage's nodes by normalised name. */
function nodesByName(m: Montage): Map<string, MontageNode> {
  return new Map(m.nodes.map((n) => [normalizeChannelLabel(n.name), n]));
}

/** Where a channel goes: its electrode name and, for standard placement, its 10-05 position. */
interface Found {
  name: string;
  position?: ElectrodePosition;
}

interface Candidate extends Found {
  label: string;
}

/** Keep EEG channels with a distinct electrode that `accept` finds; drop the rest with reasons. */
function screen(labels: readonly string[], options: PlaceChannelsOptions, accept: (normalized: string) => Found | string): { kept: Candidate[]; dropped: DroppedChannel[] } {
  const kept: Candidate[] = [];
  const dropped: DroppedChannel[] = [];
  const seen = new Map<string, string>();
  labels.forEach((label, i) => {
    // A given montage decides alone (it may place an EOG channel on purpose); standard placement keeps EEG only.
    const type = options.types?.[i] ?? channelTypeFromLabel(label);
    const eeg = type.toUpperCase() === 'EEG';
    if (!eeg && !options.montage) {
      dropped.push({ label, reason: `${type} channel, not EEG` });
      return;
    }
    const found = accept(normalizeChannelLabel(label));
    if (typeof found === 'string') {
      dropped.push({ label, reason: eeg ? found : `${type} channel ${found}` });
      return;
    }
    const first = seen.get(found.name.toUpperCase());
    if (first !== undefined) {
      dropped.push({ label, reason: `same electrode (${found.name}) as channel '${first}'` });
      return;
    }
    seen.set(found.name.toUpperCase(), label);
    kept.push({ ...found, label });
  });
  return { kept, dropped };
}

/** Cells from the 10-05 lattice: the rows and half-columns in use, in order, each made one grid line. */
function generatedMontage(kept: readonly Candidate[]): Montage {
  const rows = [...new Set(kept.map((c) => c.position!.row))].sort((a, b) => a - b);
  const cols = [...new Set(kept.map((c) => c.position!.halfCol))].sort((a, b) => a - b);
  const nodes: MontageNode[] = kept.map((c) => ({ name: c.name, row: rows.indexOf(c.position!.row), col: cols.indexOf(c.position!.halfCol) }));
  return validateMontage({ name: 'generated-10-05', rows: rows.length, cols: cols.length, nodes });
}

/** Place channels by their labels (see the file header); throws when none can be placed. */
export function placeChannels(labels: readonly string[], options: PlaceChannelsOptions = {}): ChannelPlacement {
  const given = options.montage;
  const givenNodes = given && nodesByName(given);
  const result = givenNodes
    ? screen(labels, options, (normalized) => {
        const node = givenNodes.get(normalized) ?? givenNodes.get(normalizeChannelLabel(standardPosition(normalized)?.name ?? ''));
        return node ? { name: node.name } : `not in montage '${given!.name}'`;
      })
    : screen(labels, options, (normalized) => {
        const position = standardPosition(normalized);
        return position ? { name: position.name, position } : 'no standard 10-05 position';
      });
  if (result.kept.length === 0) {
    const reasons = result.dropped.slice(0, 6).map((d) => `${d.label}: ${d.reason}`).join('; ');
    throw new StrnnError('INPUT', `${options.source ?? 'channels'}: no channel can be placed on a grid (${reasons || 'no channels'})`, 'give a montage file (--montage FILE.json) that names the channels');
  }
  let montage: Montage;
  if (given) {
    const cells = new Map(given.nodes.map((n) => [n.name, n]));
    montage = { name: given.name, rows: given.rows, cols: given.cols, nodes: result.kept.map((c) => ({ ...cells.get(c.name)! })) };
  } else if (result.kept.every((c) => SEED_CELLS.has(c.name.toUpperCase()))) {
    montage = {
      name: result.kept.length === SEED_62.nodes.length ? 'seed-62' : 'seed-62-subset',
      rows: SEED_62.rows, cols: SEED_62.cols,
      nodes: result.kept.map((c) => ({ ...SEED_CELLS.get(c.name.toUpperCase())! })),
    };
  } else {
    montage = generatedMontage(result.kept);
  }
  return { montage: validateMontage(montage, options.source), channels: result.kept.map((c) => c.label), dropped: result.dropped };
}
