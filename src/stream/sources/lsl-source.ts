// A Lab Streaming Layer stream as a live source (`strnn live --source lsl:type=EEG | lsl:name=NAME |
// lsl:source_id=ID`): resolve it, open an inlet (strnn's own LSL, src/stream/lsl/), and deliver its
// chunks with timestamps moved to this computer's LSL clock (the outlet's clock plus the measured
// offset, re-measured after each reconnection), so predictions are stamped in local LSL time.
// A dropped connection is recovered by the inlet (re-resolve and reconnect), reported as status.
import { StreamInlet, resolveStreams, type ResolveQuery, type StreamInfo } from '../lsl/index.js';
import { StrnnError } from '../../util/errors.js';
import type { StreamChunk, StreamSource } from '../types.js';

/** 'type=EEG', 'name=OpenBCI_EEG' or 'source_id=X' (the text after 'lsl:'), as a resolve query. */
export function parseLslQuery(text: string): ResolveQuery {
  const m = /^(type|name|source_id)=(.+)$/.exec(text.trim());
  if (!m) throw new StrnnError('USAGE', `--source lsl:${text}: expected lsl:type=TYPE, lsl:name=NAME or lsl:source_id=ID`, 'e.g. --source lsl:type=EEG');
  const value = m[2]!;
  return m[1] === 'type' ? { type: value } : m[1] === 'name' ? { name: value } : { sourceId: value };
}

export interface LslSourceOptions {
  /** How long to look for the stream (default 5000 ms). */
  resolveTimeoutMs?: number;
  /** Channel labels overriding the stream's (required when it sends none). */
  channels?: readonly string[];
}

export function lslSource(query: ResolveQuery, options: LslSourceOptions = {}): StreamSource {
  let inlet: StreamInlet | undefined;
  let offset = 0;
  let closed = false;
  const what = Object.entries(query).map(([k, v]) => `${k === 'sourceId' ? 'source_id' : k}=${String(v)}`).join(' ');
  const source: StreamSource = {
    async open() {
      source.onStatus?.({ state: 'connecting', message: `resolving LSL stream ${what}` });
      const found = await resolveStreams(query, { timeoutMs: options.resolveTimeoutMs ?? 5000 });
      if (found.length === 0) {
        throw new StrnnError('NOT_FOUND', `no LSL stream with ${what} found within ${(options.resolveTimeoutMs ?? 5000) / 1000} s`,
          'start the device software (OpenBCI GUI, muselsl, the amplifier bridge) with its LSL output on, on this network');
      }
      const info: StreamInfo = found[0]!;
      if (info.channelFormat === 'string') throw new StrnnError('INPUT', `LSL stream ${info.name} carries strings (${info.type}), not EEG samples`);
      inlet = new StreamInlet(info, { recover: true });
      const full = await inlet.open();
      offset = await inlet.timeCorrection().catch(() => 0);
      inlet.on('lost', (reason) => source.onStatus?.({ state: 'lost', message: `LSL stream ${full.name} lost (${reason}); reconnecting` }));
      inlet.on('recovered', () => {
        void inlet!.timeCorrection().then((o) => { offset = o; }, () => undefined);
        source.onStatus?.({ state: 'connected', message: `LSL stream ${full.name} reconnected` });
      });
      source.onStatus?.({ state: 'connected', message: `LSL stream ${full.name} (${full.type}, ${full.channelCount} ch, ${full.nominalSrate} Hz, ${full.hostname})` });
      const labels = options.channels ? [...options.channels] : full.channelLabels;
      if (options.channels && options.channels.length !== full.channelCount) {
        throw new StrnnError('USAGE', `--channels lists ${options.channels.length} labels, LSL stream ${full.name} has ${full.channelCount} channels`);
      }
      return { name: full.name, type: full.type, fsHz: full.nominalSrate, channelCount: full.channelCount, labels, clock: 'lsl', ...(full.units?.[0] && { unit: full.units[0] }) };
    },
    async *chunks(): AsyncGenerator<StreamChunk> {
      if (!inlet) throw new StrnnError('USAGE', 'LSL source: chunks() before open()');
      while (!closed) {
        const c = await inlet.nextChunk({ timeoutMs: 250 });
        if (c.count === 0) continue;
        const data = c.values instanceof Float32Array || c.values instanceof Float64Array ? c.values : Float64Array.from(c.values as ArrayLike<number | bigint>, Number);
        const timestamps = c.timestamps;
        for (let i = 0; i < timestamps.length; i++) timestamps[i] = timestamps[i]! + offset;
        yield { data, frames: c.count, timestamps };
      }
    },
    close() {
      closed = true;
      inlet?.close();
      return Promise.resolve();
    },
  };
  return source;
}
