// An LSL inlet (liblsl stream_inlet): fetches the fullinfo, opens an `LSL:streamfeed/110` connection,
// checks the two test-pattern samples, decodes samples into a bounded ring buffer, measures the clock
// offset with `LSL:timedata`, and recovers after a drop, retrying until closed. A drop is a closed
// connection, garbage on it, or a regular stream silent for watchdogSec (a watchdog, as liblsl's): an
// outlet whose computer vanished from the network closes nothing, so silence is the only sign of it.
//
// The recovery rule (liblsl's inlet_connection::try_recover, with one extension). Each attempt sends
// liblsl's recovery query (channel_count, name, type, source_id, channel_format; name, type and
// source_id only when not empty) and collects the answers for 1 s. The same uid answering is the same
// outlet: reconnect. Otherwise a new uid is taken only when exactly ONE stream answers (several: keep
// trying and say so, as liblsl warns "cannot recover unless all but one are closed"). With a source_id
// that stream is the restarted outlet. Without one, liblsl refuses to recover a resolved stream at all
// (it logs that such a stream "can't be recovered automatically" and the inlet is lost); we take it back
// when it is the only stream with that name, type, channel count and format (the query liblsl uses for
// an inlet made from an unresolved info), and say what we wait for meanwhile ('waiting'). liblsl
// leaves hostname out of the query, so do we: a device bridge restarted on another computer is found.
// Before connecting to a new uid its fullinfo is fetched: a stream that comes back with another nominal
// rate, channel count, format or channel labels is not connected to ('changed'; recovery goes on, in
// case the original returns). liblsl would accept another rate; samples on another grid or in another
// channel order than the inlet was made for are worse than no samples.
import { StrnnError } from '../../util/errors.js';
import { concatBytes } from '../../util/typed-arrays.js';
import { formatTimeProbe, parseTimeReply, timeOffsetOf } from './discovery-messages.js';
import { resolveByQueryText } from './resolver.js';
import { allocateValues, SampleDecoder, sameValues, TEST_PATTERN_TIMESTAMP, testPatternValues, type DecodedSamples } from './sample-codec.js';
import { DISCOVERY_PORT } from './scopes.js';
import { formatStreamfeedRequest, headerEnd, parseResponseHeader, PROTOCOL_VERSION } from './streamfeed-header.js';
import { parseStreamInfoXml } from './stream-info-xml.js';
import type { LslTransport, TcpConnection } from './transport.js';
import type { InletEvents, InletOptions, PulledChunk, SampleValues, StreamInfo, TimeCorrection } from './types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const CONNECT_TIMEOUT_MS = 5000;
/** How long each recovery attempt collects answers (liblsl's first attempt waits 1 s, later ones 5 s). */
const RECOVERY_RESOLVE_MS = 1000;
/** A stream answering liblsl's query may still be found by name/type/source_id alone (another channel count). */
const IDENTITY_RESOLVE_MS = 500;
/** Least time between two recovery attempts (an attempt whose answers came at once, then failed). */
const RECOVERY_INTERVAL_MS = 500;
const MAX_HEADER_BYTES = 16384;
const PROBES_PER_WAVE = 8;
const PROBE_INTERVAL_MS = 10;
/** liblsl's watchdog_time_threshold. */
const DEFAULT_WATCHDOG_SEC = 15;

type Listener = (...args: unknown[]) => void;

/** Read everything a TCP request returns until the peer closes (fullinfo is served that way). */
async function requestToEof(transport: LslTransport, address: string, port: number, request: string, timeoutMs: number): Promise<Uint8Array> {
  const connection = await transport.connectTcp(address, port, timeoutMs);
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const timer = setTimeout(() => {
      connection.destroy();
      reject(new StrnnError('NOT_FOUND', `LSL: no complete answer to ${request.trim()} from ${address}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    connection.onData((chunk) => parts.push(chunk.slice()));
    connection.onClose(() => {
      clearTimeout(timer);
      resolve(concatBytes(...parts));
    });
    connection.write(encoder.encode(request));
  });
}

const quote = (v: string) => (v.includes("'") ? `"${v}"` : `'${v}'`);

/** The query a liblsl inlet sends to find its stream again after a drop (empty name, type, source_id left out, as liblsl does). */
export function recoveryQuery(info: StreamInfo): string {
  return [`channel_count=${quote(String(info.channelCount))}`, ...identityTerms(info), `channel_format=${quote(info.channelFormat)}`].join(' and ');
}

/** The stream by name, type and source_id alone (another channel count or format too), or undefined when it has none of them. */
function identityQuery(info: StreamInfo): string | undefined {
  const terms = identityTerms(info);
  return terms.length > 0 ? terms.join(' and ') : undefined;
}

/** name, type and source_id terms, the empty ones left out (as liblsl leaves them out). */
function identityTerms(info: StreamInfo): string[] {
  const terms: string[] = [];
  if (info.name !== '') terms.push(`name=${quote(info.name)}`);
  if (info.type !== '') terms.push(`type=${quote(info.type)}`);
  if (info.sourceId !== '') terms.push(`source_id=${quote(info.sourceId)}`);
  return terms;
}

const labelText = (labels: readonly string[] | undefined) => (labels && labels.length > 0 ? labels.join(' ') : '(none)');

/** How `now` differs from `was` in what the samples mean (rate, channel count, format, labels); empty when it does not. */
export function streamDifferences(was: StreamInfo, now: StreamInfo): string[] {
  const out: string[] = [];
  if (now.nominalSrate !== was.nominalSrate) out.push(`nominal rate ${now.nominalSrate} Hz (was ${was.nominalSrate} Hz)`);
  if (now.channelCount !== was.channelCount) out.push(`${now.channelCount} channels (was ${was.channelCount})`);
  if (now.channelFormat !== was.channelFormat) out.push(`format ${now.channelFormat} (was ${was.channelFormat})`);
  if (labelText(now.channelLabels) !== labelText(was.channelLabels)) out.push(`channel labels ${labelText(now.channelLabels)} (were ${labelText(was.channelLabels)})`);
  return out;
}

/** What a recovery waiting for a stream says (the rule it applies and what answered), or undefined when there is nothing to explain. */
function waitingReason(last: StreamInfo, matching: readonly StreamInfo[], others: readonly StreamInfo[]): string | undefined {
  const shape = `${last.channelCount} ${last.channelFormat} channels`;
  const list = (infos: readonly StreamInfo[]) => infos.map((i) => `uid ${i.uid}${i.hostname ? ` on ${i.hostname}` : ''}`).join(', ');
  if (last.sourceId !== '') {
    if (matching.length > 1) return `${matching.length} streams with source_id ${last.sourceId} answer (${list(matching)}): waiting until all but one are closed`;
    if (others.length > 1) return `${others.length} streams with source_id ${last.sourceId} answer, none with ${shape} (${list(others)})`;
    return undefined;
  }
  const rule = `no source_id: waiting for exactly one stream named ${last.name}${last.type ? ` of type ${last.type}` : ''} with ${shape}`;
  if (matching.length > 1) return `${rule}; ${matching.length} answer (${list(matching)}): close all but one`;
  if (others.length > 1) return `${rule}; ${others.length} streams of that name answer, none with ${shape}`;
  return `${rule}; none answers yet`;
}

export class LslInlet {
  protected readonly transport: LslTransport;
  protected readonly options: InletOptions;
  protected streamInfo: StreamInfo;
  private readonly listeners = new Map<keyof InletEvents, Set<Listener>>();
  private readonly capacity: number;
  private ring: SampleValues;
  private ringTimestamps: Float64Array;
  private head = 0;
  private size = 0;
  private connection: TcpConnection | undefined;
  /** Connections still in their handshake, so close() can stop them too. */
  private readonly handshakes = new Set<TcpConnection>();
  private isConnected = false;
  /** Silence (s) after which a regular stream counts as lost; 0: no watchdog. */
  private readonly watchdogSec: number;
  private closed = false;
  private recovering = false;
  private waveCounter = 0;

  constructor(info: StreamInfo, options: InletOptions, transport: LslTransport) {
    this.streamInfo = info;
    this.options = options;
    this.transport = transport;
    const seconds = options.maxBufferSec ?? 360;
    if (!(seconds > 0)) throw new StrnnError('CONFIG', `LSL inlet "${info.name}": maxBufferSec is ${seconds}, expected a positive number of seconds`);
    // liblsl's rule: an irregular stream buffers 100 samples per second of maxBufferSec.
    this.capacity = Math.max(1, Math.ceil(seconds * (info.nominalSrate > 0 ? info.nominalSrate : 100)));
    this.watchdogSec = options.watchdogSec ?? DEFAULT_WATCHDOG_SEC;
    if (!(this.watchdogSec >= 0) || !Number.isFinite(this.watchdogSec)) {
      throw new StrnnError('CONFIG', `LSL inlet "${info.name}": watchdogSec is ${this.watchdogSec}, expected seconds >= 0 (0 = no watchdog)`);
    }
    this.ring = allocateValues(info.channelFormat, this.capacity * info.channelCount);
    this.ringTimestamps = new Float64Array(this.capacity);
  }

  /** The stream's full info (after open), else the info it was created with. */
  get info(): StreamInfo {
    return this.streamInfo;
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** Fetch the fullinfo and open the data connection; resolves once the test patterns checked out. */
  async open(options: { timeoutMs?: number } = {}): Promise<StreamInfo> {
    if (this.closed) throw new StrnnError('USAGE', `LSL inlet "${this.streamInfo.name}": open() after close()`);
    const timeoutMs = options.timeoutMs ?? CONNECT_TIMEOUT_MS;
    const given = this.streamInfo;
    const where = `LSL stream "${given.name}" at ${given.v4address}:${given.v4dataPort}`;
    if (given.v4address === '' || !(given.v4dataPort > 0)) throw new StrnnError('INPUT', `${where}: the stream info has no IPv4 address and data port (resolve it first)`);
    let full: StreamInfo;
    try {
      const bytes = await requestToEof(this.transport, given.v4address, given.v4dataPort, 'LSL:fullinfo\r\n', timeoutMs);
      full = parseStreamInfoXml(decoder.decode(bytes), `fullinfo of ${where}`);
    } catch (error) {
      throw error instanceof StrnnError ? error : new StrnnError('NOT_FOUND', `${where}: cannot fetch the fullinfo: ${(error as Error).message}`);
    }
    this.checkSameShape(full, `fullinfo of ${where}`);
    // Keep the endpoints we reached the outlet at: the fullinfo's own may be empty or seen from elsewhere.
    full.v4address = given.v4address;
    full.v4dataPort = given.v4dataPort;
    full.v4servicePort = given.v4servicePort;
    this.streamInfo = full;
    await this.connectFeed(full, timeoutMs);
    return full;
  }

  /** Samples waiting in the buffer. */
  available(): number {
    return this.size;
  }

  /** Take up to maxSamples (default all) buffered samples, oldest first. */
  pullChunk(maxSamples = Infinity): PulledChunk {
    const cc = this.streamInfo.channelCount;
    const count = Math.min(this.size, Math.max(0, Math.floor(maxSamples)));
    const values = allocateValues(this.streamInfo.channelFormat, count * cc);
    const timestamps = new Float64Array(count);
    const first = Math.min(count, this.capacity - this.head);
    this.copyOut(values, timestamps, this.head, 0, first);
    this.copyOut(values, timestamps, 0, first, count - first);
    this.head = (this.head + count) % this.capacity;
    this.size -= count;
    return { count, values, timestamps };
  }

  /** Wait until at least one sample is buffered (or timeoutMs passed: count 0), then pull. */
  async nextChunk(options: { timeoutMs?: number; maxSamples?: number } = {}): Promise<PulledChunk> {
    if (this.size === 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.off('samples', done);
          resolve();
        };
        const timer = setTimeout(done, options.timeoutMs ?? 1000);
        this.on('samples', done);
      });
    }
    return this.pullChunk(options.maxSamples);
  }

  on<E extends keyof InletEvents>(event: E, listener: InletEvents[E]): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as unknown as Listener);
    return this;
  }

  off<E extends keyof InletEvents>(event: E, listener: InletEvents[E]): this {
    this.listeners.get(event)?.delete(listener as unknown as Listener);
    return this;
  }

  /** Measure the clock offset (one wave of 8 `LSL:timedata` probes); local time ≈ timestamp + offset. */
  async timeCorrection(options: { timeoutMs?: number } = {}): Promise<number> {
    return (await this.measureTimeCorrection(options)).offset;
  }

  /** One wave of probes to the service port; the probe with the shortest round trip decides (as liblsl). */
  async measureTimeCorrection(options: { timeoutMs?: number } = {}): Promise<TimeCorrection> {
    const info = this.streamInfo;
    const timeoutMs = options.timeoutMs ?? 2000;
    const socket = await this.transport.openUdp({});
    const waveId = String(++this.waveCounter);
    const results: TimeCorrection[] = [];
    try {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        socket.onMessage((data) => {
          const t3 = this.transport.now();
          const reply = parseTimeReply(data);
          if (!reply || reply.waveId !== waveId) return;
          const { offset, rtt } = timeOffsetOf(reply, t3);
          results.push({ offset, uncertainty: rtt, remoteTime: (reply.t1 + reply.t2) / 2 });
          if (results.length === PROBES_PER_WAVE) {
            clearTimeout(timer);
            resolve();
          }
        });
        for (let k = 0; k < PROBES_PER_WAVE; k++) {
          setTimeout(() => void socket.send(formatTimeProbe(waveId, this.transport.now()), info.v4servicePort, info.v4address).catch(() => {}), k * PROBE_INTERVAL_MS);
        }
      });
    } finally {
      socket.close();
    }
    if (results.length === 0) {
      throw new StrnnError('NOT_FOUND', `LSL stream "${info.name}": no answer to clock probes at ${info.v4address}:${info.v4servicePort} within ${timeoutMs} ms`);
    }
    return results.reduce((best, r) => (r.uncertainty < best.uncertainty ? r : best));
  }

  close(): void {
    this.closed = true;
    this.isConnected = false;
    this.connection?.destroy();
    this.connection = undefined;
    // A reconnection half-way through its handshake would otherwise complete after close() and keep
    // its socket (and the process) alive.
    for (const pending of this.handshakes) pending.destroy();
    this.handshakes.clear();
  }

  private emit<E extends keyof InletEvents>(event: E, ...args: Parameters<InletEvents[E]>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  private checkSameShape(found: StreamInfo, where: string): void {
    const want = this.streamInfo;
    if (found.channelCount !== want.channelCount || found.channelFormat !== want.channelFormat) {
      throw new StrnnError('INPUT', `${where}: ${found.channelCount} ${found.channelFormat} channels, but the inlet was made for ${want.channelCount} ${want.channelFormat}`);
    }
  }

  private copyOut(values: SampleValues, timestamps: Float64Array, from: number, to: number, count: number): void {
    if (count <= 0) return;
    const cc = this.streamInfo.channelCount;
    timestamps.set(this.ringTimestamps.subarray(from, from + count), to);
    if (Array.isArray(this.ring)) {
      for (let i = 0; i < count * cc; i++) (values as string[])[to * cc + i] = this.ring[from * cc + i]!;
    } else (values as Float32Array).set((this.ring as Float32Array).subarray(from * cc, (from + count) * cc), to * cc);
  }

  private append(samples: DecodedSamples): void {
    const cc = this.streamInfo.channelCount;
    let { count } = samples;
    let skip = 0;
    if (count > this.capacity) {
      skip = count - this.capacity;
      count = this.capacity;
    }
    const overflow = Math.max(0, this.size + count - this.capacity) + skip;
    if (overflow - skip > 0) {
      const drop = overflow - skip;
      this.head = (this.head + drop) % this.capacity;
      this.size -= drop;
    }
    let tail = (this.head + this.size) % this.capacity;
    let src = skip;
    while (src < skip + count) {
      const n = Math.min(skip + count - src, this.capacity - tail);
      this.ringTimestamps.set(samples.timestamps.subarray(src, src + n), tail);
      if (Array.isArray(this.ring)) {
        for (let i = 0; i < n * cc; i++) this.ring[tail * cc + i] = (samples.values as string[])[src * cc + i]!;
      } else (this.ring as Float32Array).set((samples.values as Float32Array).subarray(src * cc, (src + n) * cc), tail * cc);
      src += n;
      tail = (tail + n) % this.capacity;
    }
    this.size += count;
    if (overflow > 0) this.emit('overflow', overflow);
    this.emit('samples', count);
  }

  /** Open one streamfeed connection; resolves after the header and both test patterns checked out. */
  private connectFeed(info: StreamInfo, timeoutMs: number): Promise<void> {
    const where = `LSL stream "${info.name}" (uid ${info.uid}) at ${info.v4address}:${info.v4dataPort}`;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const timer = setTimeout(() => {
        fail(new StrnnError('NOT_FOUND', `${where}: no streamfeed header and test patterns within ${timeoutMs} ms`));
        connection?.destroy();
      }, timeoutMs);
      let connection: TcpConnection | undefined;
      const closedError = () => new StrnnError('USAGE', `${where}: the inlet was closed while connecting`);
      this.transport.connectTcp(info.v4address, info.v4dataPort, timeoutMs).then(
        (opened) => {
          connection = opened;
          if (settled || this.closed) {
            clearTimeout(timer);
            fail(closedError());
            opened.destroy();
            return;
          }
          this.handshakes.add(opened);
          let watchdog: ReturnType<typeof setTimeout> | undefined;
          let lastData = 0;
          let header: Uint8Array = new Uint8Array(0);
          let sampleDecoder: SampleDecoder | undefined;
          let patterns = 0;
          let broken: Error | undefined;
          const onBytes = (chunk: Uint8Array) => {
            if (!sampleDecoder) {
              header = concatBytes(header, chunk);
              const end = headerEnd(header);
              if (end < 0) {
                if (header.length > MAX_HEADER_BYTES) throw new StrnnError('FORMAT', `${where}: no end of the streamfeed response header in ${header.length} bytes`);
                return;
              }
              const response = parseResponseHeader(header.subarray(0, end), `streamfeed response of ${where}`);
              if (response.status !== 200) throw new StrnnError('INPUT', `${where}: the outlet answered "${response.status} ${response.statusText}"`);
              const dpv = response.headers.get('data-protocol-version');
              if (dpv !== String(PROTOCOL_VERSION)) {
                throw new StrnnError('UNSUPPORTED', `${where}: response header Data-Protocol-Version is ${dpv ?? 'missing'}, expected ${PROTOCOL_VERSION}`);
              }
              const littleEndian = (response.headers.get('byte-order') ?? '1234') !== '4321';
              sampleDecoder = new SampleDecoder(info.channelFormat, info.channelCount, info.nominalSrate, littleEndian, `streamfeed of ${where}`);
              chunk = header.subarray(end);
            }
            if (patterns < 2) {
              const got = sampleDecoder.feed(chunk, 2 - patterns);
              chunk = new Uint8Array(0);
              if (got.error) throw got.error;
              for (let i = 0; i < got.count; i++, patterns++) {
                const expected = testPatternValues(info.channelFormat, info.channelCount, patterns === 0 ? 4 : 2);
                const cc = info.channelCount;
                const values = (got.values as Float32Array).slice(i * cc, (i + 1) * cc) as SampleValues;
                const valuesOk = sameValues(values, expected);
                if (!valuesOk || got.timestamps[i] !== TEST_PATTERN_TIMESTAMP) {
                  throw new StrnnError('FORMAT', `${where}: test-pattern sample ${patterns + 1} does not match the LSL 1.10 specification (wrong byte order, value size or format)`);
                }
              }
              if (patterns < 2) return;
              clearTimeout(timer);
              this.handshakes.delete(opened);
              if (this.closed) {
                fail(closedError());
                opened.destroy();
                return;
              }
              settled = true;
              this.connection = opened;
              this.isConnected = true;
              // The watchdog: check every quarter of watchdogSec that bytes came within watchdogSec, else
              // drop the connection (recovery takes over). liblsl's watchdog re-resolves first and keeps
              // the connection while the outlet's uid still answers; silence alone decides here, so a
              // half-open connection to a live outlet is recovered too (an idle regular stream shows a
              // lost / recovered pair every watchdogSec). Irregular streams are left alone: markers may
              // rightly be silent for hours.
              const limit = this.watchdogSec;
              if (limit > 0 && info.nominalSrate > 0) {
                const check = () => {
                  const silent = this.transport.now() - lastData;
                  if (silent < limit) {
                    watchdog = setTimeout(check, limit * 250);
                    return;
                  }
                  broken = new StrnnError('NOT_FOUND', `${where}: no data for ${silent.toFixed(1)} s (the outlet stopped sending, or its computer left the network)`);
                  opened.destroy();
                };
                watchdog = setTimeout(check, limit * 250);
              }
              resolve();
            }
            const samples = sampleDecoder.feed(chunk);
            if (samples.count > 0) this.append(samples);
            if (samples.error) throw samples.error;
          };
          opened.onData((chunk) => {
            lastData = this.transport.now();
            if (broken) return;
            try {
              onBytes(chunk);
            } catch (error) {
              // Garbage on the socket: drop this connection (recovery reconnects), never deliver it.
              broken = error as Error;
              opened.destroy();
            }
          });
          opened.onClose((error) => {
            clearTimeout(timer);
            clearTimeout(watchdog);
            this.handshakes.delete(opened);
            if (!settled) {
              if (this.closed) return fail(closedError());
              if (!sampleDecoder && header.length > 0 && !broken) {
                try {
                  const response = parseResponseHeader(header, `streamfeed response of ${where}`);
                  broken = new StrnnError('INPUT', `${where}: the outlet answered "${response.status} ${response.statusText}"`);
                } catch (parseError) {
                  broken = parseError as Error;
                }
              }
              fail(broken ?? new StrnnError('NOT_FOUND', `${where}: the connection closed before the test patterns${error ? ` (${error.message})` : ''}`));
              return;
            }
            if (this.connection !== opened) return;
            this.connection = undefined;
            this.isConnected = false;
            if (this.closed) return;
            const reason = broken ? broken.message : `${where}: connection closed${error ? ` (${error.message})` : ''}`;
            this.emit('lost', reason);
            if (this.options.recover ?? true) void this.recover();
            else this.emit('error', broken ?? new StrnnError('NOT_FOUND', reason));
          });
          opened.write(formatStreamfeedRequest(info, this.capacity));
        },
        (error: Error) => {
          clearTimeout(timer);
          fail(new StrnnError('NOT_FOUND', `${where}: cannot connect: ${error.message}`));
        },
      );
    });
  }

  /** Re-resolve and reconnect until it works or the inlet is closed (the rule: see the top of this file). */
  private async recover(): Promise<void> {
    if (this.recovering) return;
    this.recovering = true;
    const last = this.streamInfo;
    const query = recoveryQuery(last);
    const identity = identityQuery(last);
    const resolve = (text: string, timeoutMs: number, until?: (found: readonly StreamInfo[]) => boolean) =>
      resolveByQueryText(this.transport, text, {
        timeoutMs,
        minimum: 0,
        scope: this.options.scope ?? 'site',
        discoveryPort: this.options.discoveryPort ?? DISCOVERY_PORT,
        until: (found) => this.closed || (until?.(found) ?? false),
      });
    let lastReason: string | undefined;
    const reported = new Set<string>();
    try {
      while (!this.closed) {
        const started = this.transport.now();
        // Answers for 1 s, unless the lost uid itself answers (the same outlet: no need to count).
        const matching = await resolve(query, RECOVERY_RESOLVE_MS, (found) => found.some((i) => i.uid === last.uid));
        if (this.closed) return;
        const same = matching.find((i) => i.uid === last.uid);
        // Nothing answers liblsl's query: is the stream back with another channel count or format?
        const others = same || matching.length > 0 || identity === undefined ? [] : await resolve(identity, IDENTITY_RESOLVE_MS);
        if (this.closed) return;
        const restarted = same ? undefined : matching.length === 1 ? matching[0] : matching.length === 0 && others.length === 1 ? others[0] : undefined;
        const reason = same || restarted ? undefined : waitingReason(last, matching, others);
        if (reason !== undefined && reason !== lastReason) this.emit('waiting', reason, [...matching, ...others]);
        lastReason = reason;
        if (same) {
          // Keep the fullinfo's desc (labels, units): a shortinfo reply carries none.
          const merged: StreamInfo = { ...same };
          for (const key of ['channelLabels', 'units', 'channelTypes', 'descXml'] as const) if (last[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = last[key];
          if (await this.reconnect(merged)) return;
        } else if (restarted && !reported.has(restarted.uid)) {
          // A uid is one outlet's lifetime, and its info never changes: one that differed is not asked again.
          const full = await this.restartedInfo(restarted);
          if (this.closed) return;
          const changes = full ? streamDifferences(last, full) : [];
          if (full && changes.length > 0) {
            reported.add(full.uid);
            this.emit('changed', full, changes.join(', '));
          } else if (full && (await this.reconnect(full))) return;
        } else if (restarted) {
          // Still only the outlet that came back different: wait for another.
        } else if (await this.reconnect(last)) {
          // No answer to the queries (discovery blocked?), but the old endpoint still serves the same uid.
          return;
        }
        const waited = (this.transport.now() - started) * 1000;
        if (!this.closed && waited < RECOVERY_INTERVAL_MS) await new Promise((r) => setTimeout(r, RECOVERY_INTERVAL_MS - waited));
      }
    } finally {
      this.recovering = false;
    }
  }

  /** The fullinfo of a restarted outlet (its labels, for the comparison), at the endpoints its shortinfo gave; undefined when it does not answer. */
  private async restartedInfo(found: StreamInfo): Promise<StreamInfo | undefined> {
    try {
      const bytes = await requestToEof(this.transport, found.v4address, found.v4dataPort, 'LSL:fullinfo\r\n', CONNECT_TIMEOUT_MS);
      const full = parseStreamInfoXml(decoder.decode(bytes), `fullinfo of LSL stream "${found.name}" at ${found.v4address}:${found.v4dataPort}`);
      // The discovery answer's uid and endpoints decide where to connect; the fullinfo adds the desc.
      return { ...full, uid: found.uid, v4address: found.v4address, v4dataPort: found.v4dataPort, v4servicePort: found.v4servicePort };
    } catch {
      return undefined;
    }
  }

  /** One connection attempt; on success the inlet follows `info` and 'recovered' is emitted. */
  private async reconnect(info: StreamInfo): Promise<boolean> {
    try {
      await this.connectFeed(info, CONNECT_TIMEOUT_MS);
    } catch {
      return false; // not back yet
    }
    this.streamInfo = info;
    this.emit('recovered', info);
    return true;
  }
}
