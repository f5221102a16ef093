// `strnn predict`: class probabilities of a checkpoint on new samples, as JSON rows, one JSON
// document or CSV (src/cli/prediction-writer.ts), read and predicted in chunks so that memory stays
// bounded whatever the input size. Non-finite samples are refused, or left out with --skip-invalid.
// Samples come from a file (--samples), or from a face the user brings: a video (--face-video) or
// images in time order (--face-images), preprocessed with the face config recorded in the checkpoint
// and described in the output's `input` field (frames used, how the face was aligned).
import { writeFileAtomic } from '../../util/atomic-write.js';
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec, Flags } from '../command.js';
import { openSamples } from '../inputs.js';
import type { PredictionFormat } from '../prediction-writer.js';
import type { LoadedCheckpoint } from '../../formats/checkpoint.js';
import type { FaceAlignmentMode } from '../../face/detect-landmarks.js';

export const predictCommand: CommandSpec = {
  name: 'predict',
  summary: 'class probabilities for new samples, a face video or face images: JSON rows (jsonl), one JSON document, or CSV',
  examples: [
    'strnn predict --model model/ --samples x.npy',
    'strnn predict --model model/ --samples x.npy > predictions.jsonl',
    'strnn predict --model model/ --samples x.mat --format csv --out predictions.csv --skip-invalid',
    'strnn predict --model face-model/ --face-video clip.mp4',
    'strnn predict --model face-model/ --face-images neutral.png middle.png peak.png',
    'strnn predict --model face-model/ --face-video clip.mp4 --face-frames centred --centre-frame 40',
    'strnn predict --model eeg-model/ --recording session.xdf > predictions.jsonl',
    'strnn predict --model eeg-model/ --recording rec.edf --format csv',
  ],
  flags: ['model', 'samples', 'faceVideo', 'faceImages', 'faceFrames', 'centreFrame', 'faceAlignment', 'recording', 'stream', 'skipInvalid', 'predictFormat', 'outFile', 'backend'],
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
    if (f.stream !== undefined) throw new StrnnError('USAGE', '--stream applies to --recording');
    if (f.samples !== undefined && (f.faceFrames !== undefined || f.centreFrame !== undefined)) {
      throw new StrnnError('USAGE', '--face-frames and --centre-frame apply to --face-video / --face-images, not to --samples');
    }
    const { predictInChunks, predictSamples } = await import('../../eval/predict.js');
    const { createPredictionWriter, defaultPredictionFormat } = await import('../prediction-writer.js');
    const outFile = f.out as string | undefined;
    const format = (f.format as PredictionFormat | undefined) ?? defaultPredictionFormat(outFile, process.stdout.isTTY === true);
    const ckpt = await loadModel(f);
    const head = { model: String(f.model), classNames: ckpt.classNames };
    const skipInvalid = Boolean(f.skipInvalid);
    if (f.samples === undefined) {
      const face = await readFace(f, ckpt);
      const input = {
        sources: face.sources, sourceFrames: face.sourceFrames, frames: face.frames, selection: face.selection,
        alignment: face.alignment, ...(face.landmarkFrame !== undefined && { landmarkFrame: face.landmarkFrame }),
      };
      const p = predictSamples(ckpt, face.data, 1, { skipInvalid });
      const out = createPredictionWriter(format, outFile, { ...head, input });
      out.chunk(0, 1, p.kept, p.probabilities);
      out.end();
      reportSkipped(p.skipped);
      return;
    }
    const { config } = ckpt.model;
    const source = await openSamples(f.samples as string, { T: config.T, N: ckpt.model.nodes, dIn: config.dIn });
    try {
      const out = createPredictionWriter(format, outFile, head);
      try {
        const { skipped } = predictInChunks(ckpt, (first, n) => source.read(first, n), source.count,
          (first, n, p) => out.chunk(first, n, p.kept, p.probabilities), { skipInvalid, source: source.path });
        out.end();
        reportSkipped(skipped);
      } catch (e) {
        out.abort();
        throw e;
      }
    } finally {
      source.close();
    }
  },
};

function reportSkipped(skipped: readonly number[]): void {
  if (skipped.length === 0) return;
  const shown = skipped.slice(0, 20).join(', ') + (skipped.length > 20 ? `, ... (${skipped.length - 20} more)` : '');
  process.stderr.write(`strnn predict: left out ${skipped.length} sample${skipped.length === 1 ? '' : 's'} holding NaN or Inf (--skip-invalid): ${shown}\n`);
}

/** --recording: one row per window step, as JSON lines (default) or CSV (--format csv). */
async function predictFromRecording(f: Flags): Promise<void> {
  const outFile = f.out as string | undefined;
  const { defaultPredictionFormat } = await import('../prediction-writer.js');
  // Recordings give many rows: JSON lines by default even on a terminal (the extension of --out still decides).
  const format = (f.format as PredictionFormat | undefined) ?? defaultPredictionFormat(outFile, false);
  const { loadModel } = await import('./shared.js');
  const { loadRecordingFile } = await import('../../datasets/recording-file.js');
  const { predictRecording, predictionsCsv } = await import('../../eval/predict-recording.js');
  const ckpt = await loadModel(f);
  const file = await loadRecordingFile(f.recording as string, f.stream !== undefined ? { stream: f.stream as string } : {});
  const result = predictRecording(ckpt, file, f.model as string);
  process.stderr.write(`strnn predict: ${f.recording}: ${result.predictions.length} predictions at ${result.fsHz} Hz from ${result.channels.join(' ')}\n`);
  const text = format === 'csv' ? predictionsCsv(result.predictions, ckpt.classNames)
    : format === 'json' ? JSON.stringify({ model: String(f.model), recording: f.recording, classNames: ckpt.classNames, predictions: result.predictions }, null, 2) + '\n'
      : result.predictions.map((r) => JSON.stringify(r)).join('\n') + '\n';
  if (outFile === undefined) process.stdout.write(text);
  else writeFileAtomic(outFile, text);
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
