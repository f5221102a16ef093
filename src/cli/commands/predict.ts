// `strnn predict`: class probabilities of a checkpoint on new samples, as JSON (one row per sample).
// Samples come from a file (--samples), or from a face the user brings: a video (--face-video) or
// images in time order (--face-images), preprocessed with the face config recorded in the checkpoint
// and described in the output's `input` field (frames used, how the face was aligned).
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec, Flags } from '../command.js';
import { readSamples } from '../inputs.js';
import type { LoadedCheckpoint } from '../../formats/checkpoint.js';
import type { FaceAlignmentMode } from '../../face/detect-landmarks.js';

export const predictCommand: CommandSpec = {
  name: 'predict',
  summary: 'class probabilities for new samples, a face video or face images, as JSON, one row per sample',
  examples: [
    'strnn predict --model model/ --samples x.npy',
    'strnn predict --model model/ --samples x.npy > predictions.json',
    'strnn predict --model face-model/ --face-video clip.mp4',
    'strnn predict --model face-model/ --face-images neutral.png middle.png peak.png',
    'strnn predict --model face-model/ --face-video clip.mp4 --face-frames centred --centre-frame 40',
    'strnn predict --model eeg-model/ --recording session.xdf > predictions.jsonl',
    'strnn predict --model eeg-model/ --recording rec.edf --format csv',
  ],
  flags: ['model', 'samples', 'faceVideo', 'faceImages', 'faceFrames', 'centreFrame', 'faceAlignment', 'recording', 'stream', 'format', 'backend'],
  async run(f) {
    const { requireFlags, loadModel } = await import('./shared.js');
    requireFlags(f, ['model'], 'predict');
    const given = (['samples', 'faceVideo', 'faceImages', 'recording'] as const).filter((k) => f[k] !== undefined);
    if (given.length !== 1) {
      throw new StrnnError('USAGE', given.length === 0
        ? 'predict needs one input: --samples <file>, --face-video <file> or --face-images <files...> (or --recording <file>)'
        : `predict takes one input, found ${given.map((k) => ({ samples: '--samples', faceVideo: '--face-video', faceImages: '--face-images', recording: '--recording' })[k]).join(' and ')}`, 'see strnn predict --help');
    }
    if (f.recording !== undefined) return predictFromRecording(f);
    if (f.format !== undefined || f.stream !== undefined) throw new StrnnError('USAGE', '--format and --stream apply to --recording');
    if (f.samples !== undefined && (f.faceFrames !== undefined || f.centreFrame !== undefined)) {
      throw new StrnnError('USAGE', '--face-frames and --centre-frame apply to --face-video / --face-images, not to --samples');
    }
    const { predictProbabilities } = await import('../../eval/predict.js');
    const ckpt = await loadModel(f);
    const { config } = ckpt.model;
    let x: Float32Array, count: number, input: Record<string, unknown> | undefined;
    if (f.samples !== undefined) {
      const samples = await readSamples(f.samples as string, { T: config.T, N: ckpt.model.nodes, dIn: config.dIn });
      x = samples.x;
      count = samples.count;
    } else {
      const face = await readFace(f, ckpt);
      x = face.data;
      count = 1;
      input = {
        sources: face.sources, sourceFrames: face.sourceFrames, frames: face.frames, selection: face.selection,
        alignment: face.alignment, ...(face.landmarkFrame !== undefined && { landmarkFrame: face.landmarkFrame }),
      };
    }
    const probs = predictProbabilities(ckpt, x, count);
    const rows = Array.from({ length: count }, (_, i) => {
      const p = Array.from(probs.subarray(i * config.C, (i + 1) * config.C));
      const best = p.indexOf(Math.max(...p));
      return { index: i, predicted: ckpt.classNames[best], probabilities: Object.fromEntries(ckpt.classNames.map((c, j) => [c, p[j]])) };
    });
    process.stdout.write(JSON.stringify({ model: f.model, classNames: ckpt.classNames, ...(input && { input }), predictions: rows }, null, 2) + '\n');
  },
};

/** --recording: one row per window step, as JSON lines (default) or CSV (--format csv). */
async function predictFromRecording(f: Flags): Promise<void> {
  const format = (f.format as string | undefined) ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw new StrnnError('USAGE', `predict --recording writes jsonl or csv, not '${format}'`);
  const { loadModel } = await import('./shared.js');
  const { loadRecordingFile } = await import('../../datasets/recording-file.js');
  const { predictRecording, predictionsCsv } = await import('../../eval/predict-recording.js');
  const ckpt = await loadModel(f);
  const file = await loadRecordingFile(f.recording as string, f.stream !== undefined ? { stream: f.stream as string } : {});
  const result = predictRecording(ckpt, file, f.model as string);
  process.stderr.write(`strnn predict: ${f.recording}: ${result.predictions.length} predictions at ${result.fsHz} Hz from ${result.channels.join(' ')}\n`);
  process.stdout.write(format === 'csv' ? predictionsCsv(result.predictions, ckpt.classNames) : result.predictions.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

async function readFace(f: Flags, ckpt: LoadedCheckpoint) {
  const { faceConfigFromCheckpoint } = await import('../../face/face-checkpoint.js');
  const { readFaceImages, readFaceVideo } = await import('../../face/face-input.js');
  const { preprocess } = faceConfigFromCheckpoint(ckpt, f.model as string);
  const opts = {
    preprocess,
    frames: (f.faceFrames ?? (f.centreFrame !== undefined ? 'centred' : 'last')) as 'last' | 'centred' | 'spread',
    ...(f.centreFrame !== undefined && { centre: f.centreFrame as number }),
    alignment: f.faceAlignment as FaceAlignmentMode,
  };
  if (f.centreFrame !== undefined && opts.frames !== 'centred') {
    throw new StrnnError('USAGE', `--centre-frame goes with --face-frames centred, not --face-frames ${opts.frames}`);
  }
  return f.faceVideo !== undefined ? readFaceVideo(f.faceVideo as string, opts) : readFaceImages(f.faceImages as string[], opts);
}
