// The shapes data takes on its way to the model: a dataset reader yields trials of per-window node
// features; windowing (src/datasets/samples.ts) turns trials into model samples.
//
// Layout convention: every array is a flat Float32Array in row-major order, dimensions named by the
// spec's letters (W windows or frames, N nodes, dIn features per node).

/** Where a trial came from. `label` is a 0-based class index into the dataset's class names. */
export interface TrialMeta {
  dataset: string;
  subject: string;
  /** 1-based session number (1 when the dataset has none). */
  session: number;
  /** 1-based trial (EEG film clip) or sequence number within the subject-session. */
  trial: number;
  label: number;
}

/** One trial's node features: `data[w][v][f]`, shape W x N x dIn. */
export interface FeatureTrial extends TrialMeta {
  windows: number;
  nodes: number;
  features: number;
  data: Float32Array;
}

/**
 * One trial of raw multichannel signal, as a reader yields it before features are computed
 * (src/signal/computeTrialFeatures). `data` is channels x samples row-major: channel c occupies
 * [c·samples, (c+1)·samples). `source` names the file and variable it came from, for error messages.
 */
export interface Recording extends TrialMeta {
  channels: number;
  samples: number;
  fsHz: number;
  /** Names in data order, e.g. SEED's FP1 FPZ FP2 ... */
  channelNames: readonly string[];
  /** Physical unit of the samples, e.g. 'uV'. */
  unit: string;
  data: Float32Array | Float64Array;
  source: string;
}
