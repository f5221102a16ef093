// Lab Streaming Layer data types shared by the codecs, the inlet and outlet state machines and the
// transport adapters: stream descriptions, sample containers, resolve queries. Browser-safe (imports
// nothing from `node:`); the names follow liblsl's (channel_format strings, stream info fields) in camelCase.

/** The value types of an LSL stream, spelled as in the stream info XML (`<channel_format>`). */
export type ChannelFormat = 'float32' | 'double64' | 'string' | 'int32' | 'int16' | 'int8' | 'int64';

export const CHANNEL_FORMATS: readonly ChannelFormat[] = ['float32', 'double64', 'string', 'int32', 'int16', 'int8', 'int64'];

/**
 * One stream's description, as carried by the shortinfo / fullinfo XML. Resolved infos have `v4address`
 * filled with the address the discovery reply came from when the outlet left it empty (liblsl does too).
 * `channelLabels`, `units` and `channelTypes` come from `desc/channels/channel/{label,unit,type}` (fullinfo
 * only; absent when the outlet describes no channels). `descXml` is the inner XML of `<desc>`, verbatim.
 */
export interface StreamInfo {
  name: string;
  type: string;
  channelCount: number;
  /** Samples per second; 0 means an irregular rate (markers, events). */
  nominalSrate: number;
  channelFormat: ChannelFormat;
  sourceId: string;
  /** Protocol version of the outlet's library, e.g. 1.1 for liblsl 1.1x (`<version>`). */
  version: number;
  /** The outlet's local clock (seconds) when the stream was created. */
  createdAt: number;
  uid: string;
  sessionId: string;
  hostname: string;
  v4address: string;
  v4dataPort: number;
  v4servicePort: number;
  v6address: string;
  v6dataPort: number;
  v6servicePort: number;
  channelLabels?: string[];
  units?: string[];
  channelTypes?: string[];
  descXml?: string;
}

/** What an outlet's creator states; the rest (uid, ports, hostname, created_at) is filled in by the outlet. */
export interface StreamInfoInput {
  name: string;
  /** Content type, e.g. `EEG`, `Markers`, `Emotion` (default ''). */
  type?: string;
  channelCount: number;
  /** Samples per second, 0 for an irregular rate (default 0). */
  nominalSrate?: number;
  /** Default `float32`. */
  channelFormat?: ChannelFormat;
  /** A stable id of the device or program, so inlets can recover after a restart (default ''). */
  sourceId?: string;
  channelLabels?: string[];
  units?: string[];
  channelTypes?: string[];
}

/**
 * Sample values of one chunk, frame-major (sample 0 channels 0..n-1, then sample 1, ...), in the stream's
 * native type: float32 → Float32Array, double64 → Float64Array, int32/int16/int8 → Int32Array/Int16Array/
 * Int8Array, int64 → BigInt64Array, string → string[].
 */
export type SampleValues = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | BigInt64Array | string[];

/** Values accepted by an outlet's push methods (converted to the stream's format, range-checked). */
export type PushValues = ArrayLike<number> | ArrayLike<bigint> | ArrayLike<string>;

/** Samples taken out of an inlet's buffer. */
export interface PulledChunk {
  /** Number of samples (frames). */
  count: number;
  /** count × channelCount values, frame-major. */
  values: SampleValues;
  /** count timestamps in the outlet's clock (seconds); add `timeCorrection()` for the local clock. */
  timestamps: Float64Array;
}

/** Which streams to find. Fields given are combined with `and`; `predicate` is raw query text (below). */
export interface ResolveQuery {
  name?: string;
  type?: string;
  sourceId?: string;
  /**
   * An XPath-like predicate over the stream info fields, the subset liblsl inlets send: comparisons
   * `field='text'` / `!=` / `<` / `<=` / `>` / `>=` (numbers compared as numbers), `and`, `or`, `not(...)`,
   * parentheses, `starts-with(field,'text')`, `contains(field,'text')`, and paths into desc
   * (`desc/manufacturer='X'`). Field names are the XML names: `name`, `type`, `source_id`, `channel_count`…
   */
  predicate?: string;
}

/**
 * Where discovery queries go. `machine`: this computer only (127.0.0.1 and the loopback broadcast
 * 127.255.255.255 on port 16571, plus the unicast service ports 16572–16603 on 127.0.0.1); `link` adds
 * the local broadcast 255.255.255.255 and multicast group 224.0.0.183; `site` (liblsl's default) adds
 * 239.255.172.215; `organization` adds 239.192.172.215; `global` adds nothing more (liblsl's default
 * GlobalAddresses is empty). IPv6 is not used.
 */
export type DiscoveryScope = 'machine' | 'link' | 'site' | 'organization' | 'global';

export interface ResolveOptions {
  /** Give up after this long (default 2000 ms); with `minimum` 0, always wait this long. */
  timeoutMs?: number;
  /** Return as soon as this many distinct streams matched (default 1). */
  minimum?: number;
  /** Default `site`. */
  scope?: DiscoveryScope;
  /** Only streams of this LSL session (default `default`, what every liblsl install uses). */
  sessionId?: string;
  /** Discovery port (default 16571). */
  discoveryPort?: number;
}

export interface InletOptions {
  /** Keep at most this many seconds of samples (at the nominal rate; 360 s, or 36000 samples when irregular). */
  maxBufferSec?: number;
  /**
   * Re-resolve and reconnect when the connection drops (default true): to the same uid, or to a new one
   * when exactly one stream answers liblsl's recovery query (without a source_id: the only stream with
   * that name, type, channel count and format) and it has the same rate and labels (else 'changed').
   */
  recover?: boolean;
  /**
   * A regular stream (nominalSrate > 0) whose connection brings no bytes for this many seconds counts
   * as dropped (`lost`, then recovery; default 15, liblsl's watchdog threshold; 0 = never). An outlet
   * whose computer left the network closes nothing, so silence is the only sign. Irregular streams are exempt.
   */
  watchdogSec?: number;
  /** Scope of the recovery queries (default `site`). */
  scope?: DiscoveryScope;
  /** Discovery port for recovery (default 16571). */
  discoveryPort?: number;
}

export interface OutletOptions {
  /** Keep at most this many seconds of samples per consumer before dropping the oldest (default 360). */
  maxBufferedSec?: number;
  /** Which discovery groups to answer on (default `site`; `machine` joins no multicast group). */
  scope?: DiscoveryScope;
  /** Discovery port the responder listens on, shared with other outlets (default 16571). */
  discoveryPort?: number;
  /** Data TCP and service UDP ports are taken from this range, first free first (default [16572, 16603]). */
  portRange?: [number, number];
  /** Default: the host name of this computer. */
  hostname?: string;
  /** Default `default`. */
  sessionId?: string;
}

/**
 * Inlet events: new samples buffered, connection lost, connection recovered, recovery waiting (why, and
 * the streams that answered), the stream back but different (not connected to), unrecoverable error,
 * buffer overflow.
 */
export interface InletEvents {
  samples: (count: number) => void;
  lost: (reason: string) => void;
  recovered: (info: StreamInfo) => void;
  /**
   * Recovery keeps waiting and says why, e.g. `no source_id: waiting for exactly one stream named X of
   * type EEG with 4 float32 channels; 2 answer (...)`. Emitted when the reason changes, not every attempt.
   */
  waiting: (why: string, answered: StreamInfo[]) => void;
  /**
   * The stream answered again (a new uid: a restarted outlet) but with another nominal rate, channel
   * count, format or channel labels (`why` lists them); the inlet does not connect to it and keeps
   * trying until close(). `info` is the new stream's fullinfo. Once per uid.
   */
  changed: (info: StreamInfo, why: string) => void;
  error: (error: Error) => void;
  overflow: (droppedSamples: number) => void;
}

/** The result of a clock-offset measurement (`LSL:timedata`): local ≈ remote + offset. */
export interface TimeCorrection {
  /** Seconds to add to the outlet's timestamps to get this computer's localClock(). */
  offset: number;
  /** Half the round-trip time of the best probe (seconds). */
  uncertainty: number;
  /** The outlet's clock at the best probe. */
  remoteTime: number;
}
