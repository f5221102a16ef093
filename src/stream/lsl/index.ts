// Lab Streaming Layer (LSL) for Node: find streams, receive them (inlet), publish them (outlet).
//
// Our own implementation of the LSL wire protocol 1.10 as liblsl 1.17 speaks it, because no maintained
// LSL implementation exists for Node (the npm packages wrap liblsl through native FFI, are unmaintained,
// or cover only a part of the protocol). Interoperates with liblsl inlets and outlets (the tests replay
// byte transcripts recorded from liblsl 1.17.7).
//
// Public API (stable; the live pipeline builds on it):
//
//   localClock(): number
//     Seconds on liblsl's clock (CLOCK_MONOTONIC on Linux), the time base of timestamps and corrections.
//
//   resolveStreams(query: ResolveQuery, options?: ResolveOptions): Promise<StreamInfo[]>
//     query { name?, type?, sourceId?, predicate? } (fields combine with `and`; predicate is liblsl's query
//     text, e.g. "session_id='default' and name='X'"); options { timeoutMs = 2000, minimum = 1,
//     scope = 'site', sessionId = 'default', discoveryPort = 16571 }. Resolves with the matching streams
//     found (possibly fewer than minimum after the timeout; never rejects for "none found").
//     Tests: use scope 'machine' (loopback only) and a unique sourceId.
//
//   new StreamInlet(info: StreamInfo, options?: InletOptions)    options { maxBufferSec = 360, recover = true, scope, watchdogSec = 15 }
//     open({ timeoutMs }?): Promise<StreamInfo>   fullinfo + data connection; rejects (StrnnError) on a bad stream
//     info                                        the fullinfo after open (channelLabels, units from desc)
//     available(): number                         buffered samples
//     pullChunk(maxSamples?): PulledChunk         { count, values (native typed array / string[]), timestamps }
//     nextChunk({ timeoutMs, maxSamples }?)       waits for at least one sample (count 0 after timeoutMs)
//     on('samples' | 'lost' | 'recovered' | 'waiting' | 'changed' | 'error' | 'overflow', listener)   off(...) likewise
//     timeCorrection({ timeoutMs }?): Promise<number>   local ≈ remote timestamp + offset
//     measureTimeCorrection(...): Promise<TimeCorrection>   { offset, uncertainty, remoteTime }
//     close(): void
//
//   new StreamOutlet(info: StreamInfoInput, options?: OutletOptions)
//     info { name, type?, channelCount, nominalSrate? (0 = irregular), channelFormat? = 'float32', sourceId?,
//     channelLabels?, units?, channelTypes? }; options { maxBufferedSec = 360, scope = 'site',
//     discoveryPort = 16571, portRange = [16572, 16603], hostname?, sessionId = 'default' }
//     start(): Promise<StreamInfo>                binds ports; resolves with uid and ports filled in
//     info, consumerCount, waitForConsumers(timeoutMs): Promise<boolean>
//     consumerStats(): { remote, queuedSamples, maxSamples, droppedSamples }[]   per-consumer queues
//     pushSample(values, timestamp = localClock())
//     pushChunk(values frame-major, timestamps?)  one per sample, or one number = time of the last sample
//     close(): Promise<void>
//
// Everything except node/ is browser-safe (no `node:` imports): codecs, queries and the inlet/outlet state
// machines take an LslTransport; the classes below bind them to the Node transport.
import { LslInlet } from './inlet.js';
import { nodeTransport } from './node/transport.js';
import { LslOutlet } from './outlet.js';
import { resolveStreamsWith } from './resolver.js';
import type { InletOptions, OutletOptions, ResolveOptions, ResolveQuery, StreamInfo, StreamInfoInput } from './types.js';

export { localClock } from './node/transport.js';
export { CHANNEL_FORMATS } from './types.js';
export type {
  ChannelFormat,
  DiscoveryScope,
  InletEvents,
  InletOptions,
  OutletOptions,
  PulledChunk,
  PushValues,
  ResolveOptions,
  ResolveQuery,
  SampleValues,
  StreamInfo,
  StreamInfoInput,
  TimeCorrection,
} from './types.js';
export type { LslTransport } from './transport.js';
export type { ConsumerStats } from './outlet.js';
export { LslInlet } from './inlet.js';
export { LslOutlet } from './outlet.js';

export function resolveStreams(query: ResolveQuery, options: ResolveOptions = {}): Promise<StreamInfo[]> {
  return resolveStreamsWith(nodeTransport(), query, options);
}

export class StreamInlet extends LslInlet {
  constructor(info: StreamInfo, options: InletOptions = {}) {
    super(info, options, nodeTransport());
  }
}

export class StreamOutlet extends LslOutlet {
  constructor(info: StreamInfoInput, options: OutletOptions = {}) {
    super(info, options, nodeTransport());
  }
}
