// A Lab Streaming Layer stream as a live source (`strnn live --source lsl:type=EEG | lsl:name=NAME |
// lsl:source_id=ID`): resolve it, open an inlet (strnn's own LSL, src/stream/lsl/), and deliver its
// chunks with timestamps moved to this computer's LSL clock (the outlet's clock plus the measured
// offset, re-measured after each reconnection), so predictions are stamped in local LSL time.
// A dropped connection is recovered by the inlet (re-resolve and reconnect, also to a restarted
// outlet: the one with the same source_id, or without a source_id the only stream with the same name,
// type, channel count and format; the rule is in src/stream/lsl/inlet.ts), reported as status: 'lost'
// (… reconnecting), 'reconnecting' (still waiting, and why), then 'connected'.
// A stream that comes back with another rate, channel count or channel labels is never delivered: the
// pipeline downstream was built for the old one (filters for its rate, columns for its labels), so the
// source stops with an error (status 'failed', then chunks() throws) asking to restart strnn live.
import { StreamInlet, localClock, resolveStreams, type ResolveQuery, type StreamInfo } from '../lsl/index.js';
import { streamDifferences } from '../lsl/inlet.js';
import { StrnnError } from '../../util/errors.js';
import type { SourceStatus, StreamChunk, StreamSource } from '../types.js';

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
  /** The clock offset being re-measured after a reconnection; chunks wait for it (see chunks()). */
  let remeasure: Promise<void> | undefined;
  let closed = false;
  /** Set when the stream came back different: chunks() throws it once the old samples are delivered. */
  let failure: StrnnError | undefined;
  const what = Object.entries(query).map(([k, v]) => `${k === 'sourceId' ? 'source_id' : k}=${String(v)}`).join(' ');
  // Stamped on the local LSL clock, the clock the chunks are moved to, so a status lines up with the predictions.
  const status = (state: SourceStatus['state'], message: string) => source.onStatus?.({ state, message, t: localClock() });
  const source: StreamSource = {
    async open() {
      status('connecting', `resolving LSL stream ${what}`);
      const found = await resolveStreams(query, { timeoutMs: options.resolveTimeoutMs ?? 5000 });
      if (found.length === 0) {
        throw new StrnnError('NOT_FOUND', `no LSL stream with ${what} found within ${(options.resolveTimeoutMs ?? 5000) / 1000} s`,
          'start the device software (OpenBCI GUI, muselsl, the amplifier bridge) with its LSL output on, on this network');
      }
      const info: StreamInfo = found[0]!;
      if (info.channelFormat === 'string') throw new StrnnError('INPUT', `LSL stream ${info.name} carries strings (${info.type}), not EEG samples`);
      inlet = new StreamInlet(info, { recover: true });
      const opened = inlet;
      // Listening before open(): a drop during the clock measurement is reported too.
      let lostAt = 0, uid = info.uid;
      opened.on('lost', (reason) => {
        lostAt = localClock();
        status('lost', `LSL stream ${info.name} lost (${reason}); reconnecting`);
      });
      opened.on('waiting', (why) => status('reconnecting', `LSL stream ${info.name}: still reconnecting: ${why}`));
      opened.on('recovered', (back) => {
        // A restarted outlet may run on another clock (another computer, a rebooted one): measure again
        // before its samples are delivered; keep the last offset if it does not answer.
        remeasure = opened.timeCorrection().then((o) => { offset = o; }, () => undefined);
        const restarted = back.uid === uid ? '' : back.sourceId !== '' ? ' (a restarted outlet: new uid, same source_id)'
          : ` (a restarted outlet: new uid; no source_id, the only stream named ${back.name} with ${back.channelCount} ${back.channelFormat} channels)`;
        uid = back.uid;
        status('connected', `LSL stream ${info.name} reconnected after ${(localClock() - lostAt).toFixed(1)} s${restarted}`);
      });
      opened.on('changed', (next) => {
        // The inlet did not connect to it. Its info is still the stream the pipeline was built for (a
        // reconnection only ever follows a stream of the same rate, channel count and labels).
        const was = opened.info;
        const describe = (s: StreamInfo) => `${s.nominalSrate} Hz, ${s.channelCount} channels (${s.channelLabels?.length ? s.channelLabels.join(' ') : 'no labels'})`;
        failure = new StrnnError('INPUT',
          `LSL stream ${was.name} came back different: now ${describe(next)}${next.hostname ? ` on ${next.hostname}` : ''}, ` +
          `but strnn live was started for ${describe(was)}; the running pipeline cannot take it (filters designed for the old rate, ` +
          'channels matched by the old labels): restart strnn live',
          `what changed: ${streamDifferences(was, next).join(', ')}; restart strnn live to predict from the stream as it is now`);
        status('failed', failure.message);
        opened.close();
      });
      const full = await inlet.open();
      offset = await inlet.timeCorrection().catch(() => 0);
      status('connected', `LSL stream ${full.name} (${full.type}, ${full.channelCount} ch, ${full.nominalSrate} Hz, ${full.hostname})`);
      const labels = options.channels ? [...options.channels] : full.channelLabels;
      if (options.channels && options.channels.length !== full.channelCount) {
        throw new StrnnError('USAGE', `--channels lists ${options.channels.length} labels, LSL stream ${full.name} has ${full.channelCount} channels`);
      }
      return { name: full.name, type: full.type, fsHz: full.nominalSrate, channelCount: full.channelCount, labels, clock: 'lsl', ...(full.units?.[0] && { unit: full.units[0] }) };
    },
    async *chunks(): AsyncGenerator<StreamChunk> {
      if (!inlet) throw new StrnnError('USAGE', 'LSL source: chunks() before open()');
      while (!closed) {
        // Samples from before the drop are delivered first; nothing of the changed stream ever arrives.
        if (failure && inlet.available() === 0) throw failure;
        const c = await inlet.nextChunk({ timeoutMs: 250 });
        if (c.count === 0) continue;
        if (remeasure) {
          const pending = remeasure;
          await pending;
          if (remeasure === pending) remeasure = undefined;
        }
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
