// `strnn live`: predictions from a streaming EEG source (LSL, a replayed file, stdin) through a model
// trained on causal features, one per window, to a JSON-lines file, stdout and/or LSL outlets.
// SIGINT stops cleanly: the source is closed, the output file is flushed and the outlets closed.
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec, Flags } from '../command.js';
import type { LiveEvent, PredictionEvent, SourceInfo, StatusEvent, StreamChunk, StreamSource } from '../../stream/types.js';
import type { LiveHealth } from '../../stream/live-pipeline.js';

export const liveCommand: CommandSpec = {
  name: 'live',
  summary: 'predict emotion live from an LSL EEG stream, a replayed EDF/BDF/.npy file or stdin, with causal features; publish predictions over LSL',
  examples: [
    'strnn live --demo',
    'strnn live --model model/ --source lsl:type=EEG --publish --out preds.jsonl',
    'strnn live --model model/ --source file:recording.edf --speed max --json > preds.jsonl',
    'python3 device_bridge.py | strnn live --model model/ --source stdin --channels FP1,FP2,F7,F8 --srate 250',
  ],
  flags: ['model', 'source', 'speed', 'channels', 'srate', 'out', 'publish', 'json', 'allowNoncausal', 'demo', 'seed', 'backend'],
  async run(f) {
    const { parseReplaySpeed } = await import('../../stream/sources/replay.js');
    const speed = f.speed === undefined ? undefined : parseReplaySpeed(f.speed as string);
    if (f.demo) {
      if (f.model || f.source) throw new StrnnError('USAGE', '--demo trains its own model and makes its own stream; leave out --model and --source');
      const { runLiveDemo } = await import('../live-demo.js');
      await runLiveDemo(f, speed ?? 5);
      return;
    }
    if (!f.model || !f.source) throw new StrnnError('USAGE', 'live needs --model <dir> and --source <spec> (or --demo)', 'see strnn live --help');
    const { loadModel } = await import('./shared.js');
    const { liveModelFeatures } = await import('../../stream/model-features.js');
    const { openSourceSpec } = await import('../../stream/source-spec.js');
    const ckpt = await loadModel(f);
    const features = liveModelFeatures(ckpt, f.model as string, Boolean(f.allowNoncausal));
    if (features.warning) process.stderr.write(`strnn live: warning: ${features.warning}\n`);
    const channels = f.channels === undefined ? undefined : String(f.channels).split(',').map((c) => c.trim()).filter((c) => c !== '');
    const source = openSourceSpec(f.source as string, { ...(channels && { channels }), ...(f.srate !== undefined && { srateHz: f.srate as number }), ...(speed !== undefined && { speed }) });
    await runLive(f, { source, checkpoint: ckpt, settings: features.settings, channels: features.channels });
  },
};

type RunInput = Pick<import('../../stream/live-session.js').LiveSessionOptions, 'source' | 'checkpoint' | 'settings' | 'channels'>;

/** Runs a live session with the CLI's outputs (--out, --json, --publish, the terminal line) until the source ends or SIGINT. */
export async function runLive(f: Flags, input: RunInput, describe?: (e: PredictionEvent) => string): Promise<LiveHealth> {
  const { runLiveSession } = await import('../../stream/live-session.js');
  const { JsonlFile } = await import('../../stream/sinks/jsonl-file.js');
  const out = f.out ? new JsonlFile(f.out as string) : undefined;
  const display = new LiveDisplay(Boolean(f.json), input.checkpoint.classNames);
  let publisher: import('../../stream/sinks/lsl-publisher.js').PredictionPublisher | undefined;
  let lslClock = false;
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    display.note('stopping (Ctrl-C again to quit at once)');
    void input.source.close();
  };
  process.on('SIGINT', stop);
  input.source.onStatus = (s) => {
    // Status lines join the event lines, so a program reading --json or --out sees a drop when it happens.
    const line: StatusEvent = { kind: 'status', ...s };
    out?.write(line);
    display.status(line);
  };
  // The first sample's time is the origin of every time a person reads (terminal line, gap and invalid
  // warnings): LSL clocks count from the computer's boot. Without timestamps the stream's clock starts at 0.
  const source = input.source;
  const watched: StreamSource = {
    open: () => source.open(),
    close: () => source.close(),
    async *chunks(): AsyncGenerator<StreamChunk> {
      for await (const chunk of source.chunks()) {
        if (chunk.frames > 0) display.origin ??= chunk.timestamps?.[0] ?? 0;
        yield chunk;
      }
    },
  };
  // The last health seen, so a run that fails (the stream came back different) still says what it did.
  let lastHealth: LiveHealth | undefined;
  try {
    const health = await runLiveSession({
      ...input,
      source: watched,
      onStart: async (info: SourceInfo, pipeline) => {
        lslClock = info.clock === 'lsl';
        display.note(`${info.name}: ${info.channelCount} channels at ${info.fsHz} Hz; ${pipeline.columns.length} used` +
          (pipeline.ignoredChannels.length ? `, ignored ${pipeline.ignoredChannels.join(' ')}` : '') + `; first prediction after ${pipeline.T} windows`);
        display.stream = `${info.fsHz} Hz ${pipeline.columns.length}/${info.channelCount} ch`;
        if (f.publish) {
          const { PredictionPublisher } = await import('../../stream/sinks/lsl-publisher.js');
          publisher = await PredictionPublisher.start(input.checkpoint.classNames, 1 / input.settings.strideSec);
          display.note(`publishing LSL streams ${publisher.emotion.info.name} (Emotion) and ${publisher.markers.info.name} (Markers)`);
        }
      },
      onEvent: (e: LiveEvent, health) => {
        lastHealth = health;
        if (e.kind === 'prediction') publisher?.publish(e, lslClock ? e.tEnd : undefined);
        out?.write(e);
        display.event(e, health, describe);
      },
    });
    display.done(health);
    return health;
  } catch (e) {
    if (lastHealth) display.done(lastHealth);
    throw e;
  } finally {
    process.off('SIGINT', stop);
    out?.close();
    await publisher?.close();
    await input.source.close();
  }
}

const fixed = (x: number, d = 2) => x.toFixed(d);

/** Output of a live run: JSON lines (--json), a live line on a terminal, or a text line per prediction. */
class LiveDisplay {
  stream = '';
  private readonly tty = Boolean(process.stdout.isTTY);
  private lastInvalid = '';
  private lineShown = false;
  /**
   * Stream time of the first sample: times for a person (the terminal line, gap and invalid-window
   * warnings) are seconds since it; the JSON lines keep the stream's own times (LSL clocks count from boot).
   */
  origin: number | undefined;

  constructor(private readonly json: boolean, private readonly classNames: readonly string[]) {}

  /** A status or warning line on stderr (clearing the live line first). */
  note(text: string): void {
    this.clearLine();
    process.stderr.write(`strnn live: ${text}\n`);
  }

  /** A source status: on stderr always (a person watching), and as a JSON line on stdout with --json. */
  status(s: StatusEvent): void {
    if (this.json) process.stdout.write(JSON.stringify(s) + '\n');
    // A failed source throws the same message as its error, which main prints: once on stderr is enough.
    if (s.state !== 'failed') this.note(s.message);
  }

  /** A stream time as seconds since the first sample. */
  private since(t: number): number {
    return t - (this.origin ?? t);
  }

  event(e: LiveEvent, h: LiveHealth, describe?: (e: PredictionEvent) => string): void {
    if (this.json) process.stdout.write(JSON.stringify(e) + '\n');
    if (e.kind === 'gap') {
      this.note(`gap in the stream: ${fixed(e.missingSec, 3)} s missing after t = ${fixed(this.since(e.tBefore), 3)} s (seconds since the stream's first sample); history reset, predictions resume after ${h.T} windows`);
      return;
    }
    if (e.kind === 'invalid') {
      // One warning per run of windows with the same problem.
      if (e.reason !== this.lastInvalid) this.note(`window ending at t = ${fixed(this.since(e.tEnd), 1)} s (seconds since the stream's first sample) skipped: ${e.reason}`);
      this.lastInvalid = e.reason;
      return;
    }
    this.lastInvalid = '';
    if (this.json) return;
    const probs = this.classNames.map((c) => `${c} ${fixed(e.probabilities[c]!)}`).join('  ');
    const health = `${this.stream} | windows ${h.windows}, invalid ${h.invalidWindows}, gaps ${h.gaps} | ${fixed(e.latencyMs, 1)} ms`;
    const line = `t ${fixed(this.since(e.tEnd), 1).padStart(7)} s  ${e.predicted.padEnd(Math.max(...this.classNames.map((c) => c.length)))}  ${probs}${describe ? `  ${describe(e)}` : ''}`;
    if (this.tty) {
      process.stdout.write(`\r\x1b[K${line} | ${health}`);
      this.lineShown = true;
    } else {
      process.stdout.write(`${line}\n`);
    }
  }

  done(h: LiveHealth): void {
    this.clearLine();
    process.stderr.write(`strnn live: ${h.predictions} predictions from ${h.windows} windows (${h.invalidWindows} invalid, ${h.gaps} gaps) over ${h.samples} samples\n`);
  }

  private clearLine(): void {
    if (!this.lineShown) return;
    process.stdout.write('\r\x1b[K');
    this.lineShown = false;
  }
}
