// The shapes a live EEG stream takes on its way to predictions: what a source says about itself,
// the chunks it delivers, and the events the live pipeline reports. Pure types (no Node built-ins).

export interface SourceInfo {
  /** Human-readable name, e.g. 'OpenBCI_EEG' or 'file rec.edf'. */
  name: string;
  /** LSL content type, e.g. 'EEG' ('EEG' for files and stdin). */
  type: string;
  /** Nominal sampling rate. */
  fsHz: number;
  channelCount: number;
  /** Channel labels in column order (undefined when the stream carries none). */
  labels: string[] | undefined;
  /** Physical unit of the samples when the source says ('uV', 'microvolts', ...). */
  unit?: string;
  /** 'lsl': chunk timestamps are this computer's LSL clock (localClock); absent: the source's own time base. */
  clock?: 'lsl';
}

/** `frames` samples of every channel, frames x channelCount interleaved (or channel-major rows, see layout). */
export interface StreamChunk {
  data: Float32Array | Float64Array;
  frames: number;
  /** 'channels': channelCount rows of `frames` samples (what a file replay hands out without transposing); default 'frames'. */
  layout?: 'frames' | 'channels';
  /** Time of each frame in seconds on the source's clock (LSL: the outlet's local_clock, corrected); undefined: evenly spaced. */
  timestamps?: Float64Array;
}

/**
 * What a source tells about its connection, for the status line (LSL: resolving, connected, lost,
 * reconnecting: still waiting and why; failed: the source stops with an error, the message says why).
 */
export interface SourceStatus {
  state: 'connecting' | 'connected' | 'lost' | 'reconnecting' | 'ended' | 'failed';
  message: string;
  /** When it happened, on the clock of the chunk timestamps when the source has one (LSL: this computer's LSL clock). */
  t?: number;
}

/** A source status as a line of `strnn live --json` / `--out`, next to the events (so a reader sees drops as they happen). */
export interface StatusEvent extends SourceStatus {
  kind: 'status';
}

/** A live source: open it once, then iterate its chunks until it ends or is closed. */
export interface StreamSource {
  open(): Promise<SourceInfo>;
  chunks(): AsyncIterable<StreamChunk>;
  /** Stops delivering chunks (the iteration ends); safe to call twice. */
  close(): Promise<void>;
  onStatus?: (status: SourceStatus) => void;
}

export interface PredictionEvent {
  kind: 'prediction';
  /** Window number since the stream started (gaps do not restart it). */
  window: number;
  /** Stream time (source clock, seconds) of the window's first and last sample. */
  tStart: number;
  tEnd: number;
  predicted: string;
  /** Class probabilities, in the checkpoint's class order. */
  probabilities: Record<string, number>;
  /** Milliseconds from the push of the chunk holding the window's last sample to this prediction. */
  latencyMs: number;
}

export interface InvalidWindowEvent {
  kind: 'invalid';
  window: number;
  tStart: number;
  tEnd: number;
  /** e.g. 'channel T7 is flat (every sample equal)'. */
  reason: string;
}

export interface GapEvent {
  kind: 'gap';
  /** Timestamps of the last sample before and the first after the gap. */
  tBefore: number;
  tAfter: number;
  /** Missing stream time beyond one sample period (negative: the clock went back). */
  missingSec: number;
}

export type LiveEvent = PredictionEvent | InvalidWindowEvent | GapEvent;
