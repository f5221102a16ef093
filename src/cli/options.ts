// Every command-line flag, defined once: type, default, description. Commands pick flags from this
// table by name; parsing and --help come from it, and so does the README's flag list.
import { InvalidArgumentError, Option } from 'commander';

/** A numeric flag's allowed values, checked when the flag is parsed (so a bad value is a usage error). */
export interface NumericRange {
  integer?: boolean;
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Exclusive bounds. */
  above?: number;
  below?: number;
}

/** "an integer >= 1", "a number > 0 and < 1", ... */
export function rangeText(r: NumericRange): string {
  const bounds = [
    r.min !== undefined ? `>= ${r.min}` : '', r.above !== undefined ? `> ${r.above}` : '',
    r.max !== undefined ? `<= ${r.max}` : '', r.below !== undefined ? `< ${r.below}` : '',
  ].filter(Boolean);
  return `${r.integer ? 'an integer' : 'a number'}${bounds.length ? ` ${bounds.join(' and ')}` : ''}`;
}

export function parseInRange(r: NumericRange): (value: string) => number {
  return (value: string): number => {
    const n = value.trim() === '' ? NaN : Number(value);
    const ok = Number.isFinite(n) && (!r.integer || Number.isInteger(n)) &&
      (r.min === undefined || n >= r.min) && (r.max === undefined || n <= r.max) &&
      (r.above === undefined || n > r.above) && (r.below === undefined || n < r.below);
    if (!ok) throw new InvalidArgumentError(`expected ${rangeText(r)}, got "${value}"`);
    return n;
  };
}

const INTEGER_1 = { integer: true, min: 1 } as const;
const INTEGER_0 = { integer: true, min: 0 } as const;
const NON_NEGATIVE = { min: 0 } as const;
const POSITIVE = { above: 0 } as const;

function integerList(value: string): number[] {
  const items = value.split(',').map((v) => v.trim());
  const numbers = items.map(Number);
  if (items.some((v) => v === '') || numbers.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new InvalidArgumentError(`expected comma-separated positive integers such as 1,2, got "${value}"`);
  }
  return numbers;
}

interface FlagSpec {
  flags: string;
  description: string;
  default?: string | number | boolean;
  /** Numeric flags: the allowed values (parsing, --help and the README come from it). */
  range?: NumericRange;
  /** Non-numeric parsing (lists). */
  parse?: (value: string) => unknown;
  choices?: readonly string[];
}

export const FLAGS = {
  json: { flags: '--json', description: 'print the result as JSON on stdout (progress still goes to stderr)' },
  seed: { flags: '--seed <n>', description: 'seed for every random choice (same seed, same numbers)', default: 1, range: INTEGER_0 },
  backend: { flags: '--backend <kind>', description: 'numeric kernels', default: 'auto', choices: ['auto', 'wasm', 'reference'] },
  threads: { flags: '--threads <n>', description: 'threads for data-parallel training (default: the number of cores)', range: INTEGER_1 },
  out: { flags: '--out <dir>', description: 'output directory (live: the predictions .jsonl file)' },
  model: { flags: '--model <dir>', description: 'checkpoint directory written by `strnn train` or `strnn demo`' },
  samples: { flags: '--samples <file>', description: 'samples: float32/float64 .npy of shape B x T x N x d_in, or a .mat file (variable x, MATLAB dims B x T x N x d_in)' },
  labels: { flags: '--labels <file>', description: 'class index (0..C-1) of each sample: .npy of shape B, or .mat variable y' },
  groups: { flags: '--groups <file>', description: 'trial / recording id of each sample, .npy of shape B or .mat variable groups (validation holds out whole groups)' },
  synthetic: { flags: '--synthetic', description: 'train on generated SEED-shaped data instead of a samples file' },
  subjects: { flags: '--subjects <n>', description: 'number of synthetic subjects', range: INTEGER_1 },
  durationScale: { flags: '--duration-scale <x>', description: "multiplies SEED's trial lengths in synthetic data", range: { above: 0, max: 1 } },
  montage: { flags: '--montage <name|file>', description: "node layout: 'seed-62', 'grid:HxW' or a JSON file { rows, cols, nodes: [{ name, row, col }] }; montage show: 'auto' places channels by their 10-05 names", default: 'seed-62' },
  channels: { flags: '--channels <list>', description: 'comma-separated channel labels as a recording names them, e.g. Fp1,Fp2,T3,EOG; live: the source\'s labels in column order (needed for stdin, .npy and streams without labels)' },
  classes: { flags: '--classes <names>', description: 'comma-separated class names, one per label 0..C-1 (default: class0, class1, ... for the distinct labels)' },
  labelMap: { flags: '--label-map <map>', description: "label value to class name, in class order, for labels that are not 0..C-1: e.g. '-1:negative,0:neutral,1:positive' (SEED) or '1:a,2:b' (1-based)" },
  skipInvalid: { flags: '--skip-invalid', description: 'leave out samples holding NaN or Inf (says how many and lists them) instead of refusing the input' },
  predictFormat: { flags: '--format <kind>', description: 'predict output: json (one document), jsonl (one JSON row per sample) or csv (default: jsonl on a pipe or file, json on a terminal; with --out, from the extension)', choices: ['json', 'jsonl', 'csv'] },
  outFile: { flags: '--out <file>', description: 'the file to write (atomically): predict writes its rows there instead of stdout; export writes the model file, e.g. model.onnx' },
  epochs: { flags: '--epochs <n>', description: 'maximum training epochs', range: INTEGER_1 },
  batchSize: { flags: '--batch-size <n>', description: 'samples per training step', default: 32, range: INTEGER_1 },
  lr: { flags: '--lr <x>', description: 'learning rate', default: 1e-3, range: POSITIVE },
  optimizer: { flags: '--optimizer <name>', description: 'optimiser', default: 'adam', choices: ['adam', 'sgd'] },
  clipNorm: { flags: '--clip-norm <x>', description: 'clip the global gradient norm (0: off)', default: 5, range: NON_NEGATIVE },
  patience: { flags: '--patience <n>', description: 'early stopping: epochs without a better validation loss (0: off)', default: 5, range: INTEGER_0 },
  valFraction: { flags: '--val-fraction <x>', description: 'share of training data held out for early stopping (0: no validation)', default: 0.2, range: { min: 0, below: 1 } },
  dS: { flags: '--d-s <n>', description: 'spatial RNN state size d_s', default: 30, range: INTEGER_1 },
  kS: { flags: '--k-s <n>', description: 'spatial projection columns K_s', default: 10, range: INTEGER_1 },
  dT: { flags: '--d-t <n>', description: 'temporal RNN state size d_t', default: 30, range: INTEGER_1 },
  kT: { flags: '--k-t <n>', description: 'temporal projection columns K_t', default: 5, range: INTEGER_1 },
  activation: { flags: '--activation <name>', description: 'σ_s and σ_t', default: 'tanh', choices: ['tanh', 'relu'] },
  lambdaS: { flags: '--lambda-s <x>', description: 'L1 weight on the spatial projections G_r', default: 1e-3, range: NON_NEGATIVE },
  lambdaT: { flags: '--lambda-t <x>', description: 'L1 weight on the temporal projections H_f, H_b', default: 1e-3, range: NON_NEGATIVE },
  lambdaW: { flags: '--lambda-w <x>', description: 'L2 weight on all non-bias parameters', default: 0, range: NON_NEGATIVE },
  init: { flags: '--init <name>', description: 'initialisation', default: 'fan-in-uniform', choices: ['fan-in-uniform', 'glorot-uniform'] },
  dataset: { flags: '--dataset <id|dir|file.json>', description: "dataset id: 'seed', 'seed-iv', 'deap', 'ckplus', 'mmi' (plus any registered), or your recordings: a BIDS-EEG folder, a folder with strnn.dataset.json, or a description file; train takes the face datasets (which bring their own defaults for --epochs, --patience, --lr, --batch-size and --val-fraction, see the README) and recordings" },
  root: { flags: '--root <dir>', description: 'dataset folder (e.g. SEED/, containing ExtractedFeatures/)' },
  protocol: { flags: '--protocol <id>', description: "evaluation protocol: 'seed-sd', 'seed-iv-sd', 'loso', 'cross-session', 'deap-sd', 'face-10fold', 'sd-first-k', 'sd-kfold', 'subject-kfold' (default: the dataset's; loso for recordings)" },
  feature: { flags: '--feature <id>', description: "feature to read, e.g. 'de_LDS', 'psd_movingAve' (SEED / SEED-IV files) or 'de' (DEAP, computed)" },
  bands: {
    flags: '--bands <list>',
    description: "experiment: comma-separated band selections, 'all' (every band, d_in = 5) or one band each (d_in = 1); " +
      "features (default seed): the band table, 'seed' (delta:1-3,theta:4-7,alpha:8-13,beta:14-30,gamma:31-50), 'seed-contiguous', 'deap' or name:lowHz-highHz,...",
    default: 'all',
  },
  sessions: { flags: '--sessions <list>', description: 'comma-separated sessions to use, e.g. 1,2 (default: all)', parse: integerList },
  target: { flags: '--target <name>', description: 'DEAP target, binarised at 5 (> 5 is high)', default: 'valence', choices: ['valence', 'arousal'] },
  baseline: { flags: '--baseline <mode>', description: "DEAP 3-s pre-trial baseline: 'drop' it, or 'subtract' its per-channel mean too", default: 'drop', choices: ['drop', 'subtract'] },
  folds: { flags: '--folds <n>', description: 'folds of k-fold protocols (deap-sd, face-10fold, sd-kfold, subject-kfold)', default: 10, range: { integer: true, min: 2 } },
  jobs: { flags: '--jobs <n>', description: 'worker threads: experiment units or feature trials computed in parallel (default: the number of cores)', range: INTEGER_1 },
  sequences: { flags: '--sequences <n>', description: 'synthetic face sequences per subject (ckplus, mmi)', default: 3, range: INTEGER_1 },
  realSize: { flags: '--real-size', description: 'synthetic CK+ of the real size: 123 subjects, 327 labelled sequences with the real class counts' },
  force: { flags: '--force', description: 'synth: replace a previous strnn synth output in --out (refused when the folder holds files strnn synth did not write); experiment: replace the results of a run with other settings in --out instead of refusing' },
  format: { flags: '--format <name>', description: 'dataset layout to write', choices: ['seed', 'seed-iv', 'deap', 'ckplus', 'mmi'] },
  raw: { flags: '--raw', description: 'also write the raw-EEG tree (SEED Preprocessed_EEG, SEED-IV eeg_raw_data); large, so only for --raw-subjects subjects' },
  rawSubjects: { flags: '--raw-subjects <n>', description: 'subjects written to the raw-EEG tree', default: 2, range: INTEGER_1 },
  input: { flags: '--input <path>', description: 'raw EEG to turn into features: a SEED Preprocessed_EEG tree (or SEED root), a SEED-IV eeg_raw_data tree, a DEAP data_preprocessed_matlab tree, or an EDF/BDF file or folder' },
  window: { flags: '--window <sec>', description: 'feature window length and stride in seconds', default: 1, range: POSITIVE },
  smoothing: { flags: '--smoothing <kind>', description: "smoothing over windows written to the feature files: 'lds' (de_LDS...), 'movingAve' (de_movingAve...) or 'both', as SEED ships", default: 'both', choices: ['both', 'lds', 'movingAve'] },
  de: { flags: '--de <method>', description: "differential entropy: 'gaussian' (band-pass, 0.5·ln(2πe·σ²)) or 'spectral' (Hann FFT band power)", default: 'gaussian', choices: ['gaussian', 'spectral'] },
  faceAlignment: {
    flags: '--face-alignment <mode>',
    description: "faces without landmark files (mmi, --face-video, --face-images): 'landmarks' locates each sequence's face with the bundled face-api detector; 'centred-crop' skips detection (faster) and cuts the centred square",
    default: 'landmarks', choices: ['landmarks', 'centred-crop'],
  },
  faceVideo: { flags: '--face-video <file>', description: 'predict from a face video (any format ffmpeg reads) instead of --samples; the model must be a face model (strnn train --dataset ckplus|mmi)' },
  faceImages: { flags: '--face-images <files...>', description: 'predict from face images (PNG or JPEG) in time order instead of --samples; one image is repeated to T frames (a still face)' },
  faceFrames: {
    flags: '--face-frames <mode>',
    description: "which T frames of --face-video / --face-images: 'last' T (a clip ending on the expression, as CK+), 'centred' on --centre-frame, or 'spread' evenly over the clip; fewer than T are padded by repeating (default last, or centred with --centre-frame)",
    choices: ['last', 'centred', 'spread'],
  },
  centreFrame: { flags: '--centre-frame <n>', description: "0-based frame (or image) the T frames are centred on (--face-frames centred; default the middle one)", range: INTEGER_0 },
  modelFormat: { flags: '--format <name>', description: 'export: file format of the exported model', default: 'onnx', choices: ['onnx'] },
  kinds: { flags: '--kinds <list>', description: 'feature kinds written: comma-separated de, psd', default: 'de,psd' },
  causal: { flags: '--causal', description: "causal features, as strnn live computes them: forward-only band-pass with its state carried through the recording; LDS smoothing becomes a forward Kalman filter with fixed noise (R = 1, Q = 0.01), the moving average the mean of the last 5 windows (train --dataset: a model strnn live accepts)" },
  source: { flags: '--source <spec>', description: "live EEG source: 'lsl:type=EEG', 'lsl:name=NAME', 'lsl:source_id=ID', 'file:rec.edf|.bdf|.npy' (replayed) or 'stdin' (raw little-endian float32 frames)" },
  speed: { flags: '--speed <pace>', description: "file replay pace: 'realtime', 'max' or a factor such as 10 (default realtime; --demo: 5)" },
  publish: { flags: '--publish', description: "publish predictions over LSL: an 'Emotion' stream (one float32 probability per class, labelled with the class names) and a 'Markers' stream with the predicted class" },
  srate: { flags: '--srate <hz>', description: 'sampling rate of a stdin or .npy source in Hz', range: POSITIVE },
  allowNoncausal: { flags: '--allow-noncausal', description: 'run a model trained on non-causal features (zero-phase filtering, LDS, shipped features) with causal stand-ins, with a warning' },
  demo: { flags: '--demo', description: 'live demonstration without hardware: synthetic EEG with planted emotion blocks published over LSL, a model trained on the fly, predictions shown against the planted blocks' },
  T: { flags: '--T <n>', description: 'feature windows per model sample (time slices T; default 9)', range: INTEGER_1 },
  stride: { flags: '--stride <n>', description: 'windows between the starts of consecutive training samples (default 1)', range: INTEGER_1 },
  config: { flags: '--config <file>', description: "JSON file whose keys are this command's flags (camelCase or kebab-case), or a results.json whose config block is reused; flags on the command line win" },
  labelColumn: { flags: '--label-column <name>', description: 'recording datasets: the column of the BIDS *_events.tsv files holding each trial\'s label (default trial_type, or the description\'s)' },
  trainTrials: { flags: '--train-trials <k>', description: 'sd-first-k protocol: the first k trials of each subject and session train, the rest test', range: INTEGER_1 },
  recording: { flags: '--recording <file>', description: 'predict over a whole EEG recording (.edf, .bdf, .xdf, .vhdr, .set): one prediction per window step; the model must carry its feature pipeline (strnn train --dataset DIR)' },
  stream: { flags: '--stream <name>', description: 'XDF recordings: the name of the EEG stream (default: the first numeric EEG stream)' },
  saveModels: { flags: '--no-save-models', description: "experiment: do not save each unit's best-epoch checkpoint under <out>/units/<key>/model/ (predictions and salience are still kept)" },
  reportOut: { flags: '--out <file.html>', description: 'report: the HTML file to write (figures go to figures/ beside it)', default: 'report.html' },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

/** Builds commander Options for the named flags, with an optional per-command default. */
export function makeOptions(names: readonly FlagName[], defaults: Partial<Record<FlagName, string | number>> = {}): Option[] {
  return names.map((name) => {
    const spec: FlagSpec = FLAGS[name];
    const option = new Option(spec.flags, spec.range ? `${spec.description} (${rangeText(spec.range)})` : spec.description);
    if (spec.choices) option.choices(spec.choices);
    if (spec.range) option.argParser(parseInRange(spec.range));
    else if (spec.parse) option.argParser(spec.parse);
    const fallback = defaults[name] ?? spec.default;
    if (fallback !== undefined) option.default(fallback);
    return option;
  });
}
