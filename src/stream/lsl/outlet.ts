// An LSL outlet (liblsl stream_outlet): answers discovery on the shared port 16571 and on its own service
// UDP port, serves fullinfo / shortinfo / streamfeed on its data TCP port, keeps one bounded queue per
// consumer (its Max-Buffer-Length), and answers `LSL:timedata` clock probes. Protocol 1.00 requests (and
// 1.10 requests whose Value-Size differs from the stream's, for which liblsl falls back to 1.00) get
// "505 Version not supported": every liblsl since 1.10 speaks 1.10.
import { StrnnError } from '../../util/errors.js';
import { concatBytes } from '../../util/typed-arrays.js';
import { formatShortinfoReply, formatTimeReply, parseDiscoveryRequest } from './discovery-messages.js';
import { matchesQuery } from './query.js';
import { SampleEncoder, TEST_PATTERN_TIMESTAMP, testPatternValues, toNativeValues, VALUE_SIZE } from './sample-codec.js';
import { DISCOVERY_PORT, multicastGroups, SERVICE_PORT_RANGE } from './scopes.js';
import { formatErrorStatus, formatResponseHeader, headerEnd, parseStreamfeedRequest, PROTOCOL_VERSION } from './streamfeed-header.js';
import { formatStreamInfoXml } from './stream-info-xml.js';
import type { Endpoint, LslTransport, TcpConnection, TcpServer, UdpSocket } from './transport.js';
import { CHANNEL_FORMATS, type OutletOptions, type PushValues, type SampleValues, type StreamInfo, type StreamInfoInput } from './types.js';
import { parseXml, type XmlElement } from './xml.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Requests longer than this are not LSL (liblsl's requests are about 300 bytes). */
const MAX_REQUEST_BYTES = 16384;

interface QueuedPush {
  bytes: Uint8Array;
  samples: number;
}

/** One streamfeed connection and its bounded queue. */
interface Consumer {
  connection: TcpConnection;
  encoder: SampleEncoder;
  /** Key of the encoding (byte order, subnormals), so one push is encoded once per kind of consumer. */
  encoding: string;
  queue: QueuedPush[];
  queuedSamples: number;
  maxSamples: number;
  droppedSamples: number;
  blocked: boolean;
}

export interface ConsumerStats {
  remote: Endpoint;
  queuedSamples: number;
  maxSamples: number;
  droppedSamples: number;
}

function checkInput(input: StreamInfoInput): void {
  const fail = (what: string): never => {
    throw new StrnnError('CONFIG', `LSL outlet "${input.name}": ${what}`);
  };
  if (typeof input.name !== 'string' || input.name === '') fail('name must be a non-empty string');
  if (!Number.isInteger(input.channelCount) || input.channelCount < 1) fail(`channelCount is ${input.channelCount}, expected an integer >= 1`);
  const srate = input.nominalSrate ?? 0;
  if (!Number.isFinite(srate) || srate < 0) fail(`nominalSrate is ${srate}, expected a finite rate >= 0 (0 = irregular)`);
  if (input.channelFormat !== undefined && !CHANNEL_FORMATS.includes(input.channelFormat)) {
    fail(`channelFormat is "${input.channelFormat}", expected one of ${CHANNEL_FORMATS.join(', ')}`);
  }
  for (const key of ['channelLabels', 'units', 'channelTypes'] as const) {
    const list = input[key];
    if (list !== undefined && list.length !== input.channelCount) fail(`${key} has ${list.length} entries for ${input.channelCount} channels`);
  }
}

async function firstFree<T>(range: [number, number], open: (port: number) => Promise<T>, what: string): Promise<T> {
  for (let port = range[0]; port <= range[1]; port++) {
    try {
      return await open(port);
    } catch {
      // taken by another outlet: try the next
    }
  }
  // All taken (more than 32 outlets on this machine): any free port still works, since the port is
  // announced in the stream info; only firewalls opened for 16572-16603 alone would stop it.
  try {
    return await open(0);
  } catch (error) {
    throw new StrnnError('UNSUPPORTED', `LSL outlet: no free ${what} port in ${range[0]}-${range[1]} nor elsewhere: ${(error as Error).message}`);
  }
}

export class LslOutlet {
  protected readonly transport: LslTransport;
  protected readonly options: OutletOptions;
  protected readonly input: StreamInfoInput;
  private streamInfo: StreamInfo | undefined;
  private infoTree: XmlElement | undefined;
  private shortXml = '';
  private fullXml = '';
  private server: TcpServer | undefined;
  private sockets: UdpSocket[] = [];
  private readonly consumers = new Set<Consumer>();
  private readonly consumerWaiters: Array<() => void> = [];
  private closed = false;

  constructor(info: StreamInfoInput, options: OutletOptions, transport: LslTransport) {
    checkInput(info);
    this.input = info;
    this.options = options;
    this.transport = transport;
  }

  /** Bind the ports and start answering; resolves with the complete stream info (uid, ports). */
  async start(): Promise<StreamInfo> {
    if (this.streamInfo) return this.streamInfo;
    const range = this.options.portRange ?? SERVICE_PORT_RANGE;
    const warn = () => {}; // a multicast group this host cannot join only narrows who can find us
    this.server = await firstFree(range, (port) => this.transport.listenTcp(port), 'TCP data');
    const service = await firstFree(range, (port) => this.transport.openUdp({ port }), 'UDP service');
    const discovery = await this.transport.openUdp({
      port: this.options.discoveryPort ?? DISCOVERY_PORT,
      reuseAddr: true,
      multicastGroups: multicastGroups(this.options.scope ?? 'site'),
      onWarning: warn,
    });
    this.sockets = [discovery, service];
    const input = this.input;
    const info: StreamInfo = {
      name: input.name,
      type: input.type ?? '',
      channelCount: input.channelCount,
      nominalSrate: input.nominalSrate ?? 0,
      channelFormat: input.channelFormat ?? 'float32',
      sourceId: input.sourceId ?? '',
      version: PROTOCOL_VERSION / 100,
      createdAt: this.transport.now(),
      // A uid must differ between outlets and runs: this is not a modelling choice a seed should fix.
      uid: globalThis.crypto.randomUUID(),
      sessionId: this.options.sessionId ?? 'default',
      hostname: this.options.hostname ?? this.transport.hostname(),
      v4address: '',
      v4dataPort: this.server.port,
      v4servicePort: service.port,
      v6address: '',
      v6dataPort: 0,
      v6servicePort: 0,
    };
    if (input.channelLabels) info.channelLabels = [...input.channelLabels];
    if (input.units) info.units = [...input.units];
    if (input.channelTypes) info.channelTypes = [...input.channelTypes];
    this.streamInfo = info;
    this.shortXml = formatStreamInfoXml(info, false);
    this.fullXml = formatStreamInfoXml(info, true);
    this.infoTree = parseXml(this.fullXml, 'own stream info');
    for (const socket of this.sockets) socket.onMessage((data, from) => this.answerDatagram(socket, data, from));
    this.server.onConnection((connection) => this.serve(connection));
    return info;
  }

  get info(): StreamInfo {
    if (!this.streamInfo) throw new StrnnError('USAGE', `LSL outlet "${this.input.name}": call start() first`);
    return this.streamInfo;
  }

  /** Connected streamfeed consumers. */
  get consumerCount(): number {
    return this.consumers.size;
  }

  /** How many LSL:fullinfo requests this outlet has answered (a diagnostic: inlets fetch it to connect or compare). */
  fullinfoServed = 0;

  /** Queue state of each consumer (what a slow consumer costs: bounded by its Max-Buffer-Length). */
  consumerStats(): ConsumerStats[] {
    return [...this.consumers].map((c) => ({ remote: c.connection.remote, queuedSamples: c.queuedSamples, maxSamples: c.maxSamples, droppedSamples: c.droppedSamples }));
  }

  /** Resolves true once at least one consumer is connected, false after timeoutMs. */
  waitForConsumers(timeoutMs: number): Promise<boolean> {
    if (this.consumers.size > 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.consumers.size > 0), timeoutMs);
      this.consumerWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** One sample of channelCount values; timestamp defaults to localClock() now. */
  pushSample(values: PushValues, timestamp?: number): void {
    this.pushChunk(values, timestamp === undefined ? undefined : [timestamp]);
  }

  /**
   * Several samples, frame-major (length a multiple of channelCount). timestamps: one per sample, or one
   * number = the time of the LAST sample (earlier ones are spaced by 1/nominalSrate, as liblsl does), or
   * absent = localClock() now for the last sample.
   */
  pushChunk(values: PushValues, timestamps?: number | ArrayLike<number>): void {
    const where = `LSL outlet "${this.input.name}"`;
    if (this.closed) throw new StrnnError('USAGE', `${where}: push after close()`);
    const cc = this.input.channelCount;
    if (values.length === 0 || values.length % cc !== 0) {
      throw new StrnnError('INPUT', `${where}: ${values.length} values is not a whole number of samples of ${cc} channels`);
    }
    const count = values.length / cc;
    const wire = new Float64Array(count);
    if (timestamps === undefined || typeof timestamps === 'number') {
      // liblsl's push_chunk with one timestamp: the first sample carries last - (n-1)/srate, the rest are deduced.
      const last = timestamps ?? this.transport.now();
      const srate = this.input.nominalSrate ?? 0;
      wire.fill(Number.NaN);
      wire[0] = srate > 0 ? last - (count - 1) / srate : last;
    } else {
      if (timestamps.length !== count) throw new StrnnError('INPUT', `${where}: ${timestamps.length} timestamps for ${count} samples`);
      wire.set(timestamps);
      // Every given timestamp is sent (NaN would otherwise mean "deduced").
      if (!wire.every(Number.isFinite)) throw new StrnnError('INPUT', `${where}: timestamps must be finite numbers (seconds)`);
    }
    if (!Number.isFinite(wire[0]!)) throw new StrnnError('INPUT', `${where}: timestamps must be finite numbers (seconds)`);
    // Converted (and checked) even with nobody listening: a bad push must fail the same way always.
    const native = toNativeValues(this.input.channelFormat ?? 'float32', values, where);
    if (this.consumers.size > 0) this.enqueue(native, wire, count);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const consumer of this.consumers) consumer.connection.destroy();
    this.consumers.clear();
    for (const socket of this.sockets) socket.close();
    await this.server?.close();
  }

  private enqueue(values: SampleValues, wire: Float64Array, count: number): void {
    const encoded = new Map<string, Uint8Array>();
    for (const consumer of this.consumers) {
      let bytes = encoded.get(consumer.encoding);
      if (!bytes) {
        bytes = consumer.encoder.encode(values, wire, 0, count);
        encoded.set(consumer.encoding, bytes);
      }
      consumer.queue.push({ bytes, samples: count });
      consumer.queuedSamples += count;
      // Bounded by the consumer's Max-Buffer-Length: drop the oldest pushes (each starts with a stamped
      // sample, so what remains still decodes to the right timestamps). The newest push always stays.
      while (consumer.queuedSamples > consumer.maxSamples && consumer.queue.length > 1) {
        const dropped = consumer.queue.shift()!;
        consumer.queuedSamples -= dropped.samples;
        consumer.droppedSamples += dropped.samples;
      }
      this.flush(consumer);
    }
  }

  private flush(consumer: Consumer): void {
    while (!consumer.blocked && consumer.queue.length > 0) {
      const next = consumer.queue.shift()!;
      consumer.queuedSamples -= next.samples;
      if (!consumer.connection.write(next.bytes)) consumer.blocked = true;
    }
  }

  private answerDatagram(socket: UdpSocket, data: Uint8Array, from: Endpoint): void {
    const t1 = this.transport.now();
    const request = parseDiscoveryRequest(data);
    if (!request || this.closed) return;
    const send = (bytes: Uint8Array, port: number) => socket.send(bytes, port, from.address).catch(() => {});
    if (request.kind === 'timedata') {
      void send(formatTimeReply(request.waveId, request.t0, t1, this.transport.now()), from.port);
    } else if (matchesQuery(this.infoTree!, request.query)) {
      // The reply goes to the returnPort the query names, not to the port it came from.
      void send(formatShortinfoReply(request.queryId, this.shortXml), request.returnPort);
    }
  }

  /** Read one request on a data connection and answer it. */
  private serve(connection: TcpConnection): void {
    let received: Uint8Array = new Uint8Array(0);
    let answered = false;
    connection.onClose(() => {
      for (const consumer of this.consumers) if (consumer.connection === connection) this.consumers.delete(consumer);
    });
    connection.onData((chunk) => {
      if (answered) return; // a consumer sends nothing after its request
      received = concatBytes(received, chunk);
      const eol = received.indexOf(0x0a);
      if (eol < 0) {
        if (received.length > MAX_REQUEST_BYTES) connection.destroy();
        return;
      }
      const line = decoder.decode(received.subarray(0, eol)).replace(/\r$/, '');
      if (line === 'LSL:fullinfo') {
        answered = true;
        this.fullinfoServed++;
        connection.write(encoder.encode(this.fullXml));
        connection.end();
      } else if (line === 'LSL:shortinfo') {
        const eol2 = received.indexOf(0x0a, eol + 1);
        if (eol2 < 0) return;
        answered = true;
        const query = decoder.decode(received.subarray(eol + 1, eol2)).replace(/\r$/, '');
        if (matchesQuery(this.infoTree!, query)) connection.write(encoder.encode(this.shortXml));
        connection.end();
      } else if (line === 'LSL:streamfeed') {
        answered = true; // protocol 1.00
        connection.write(formatErrorStatus(505));
        connection.end();
      } else if (line.startsWith('LSL:streamfeed/')) {
        const end = headerEnd(received);
        if (end < 0) {
          if (received.length > MAX_REQUEST_BYTES) connection.destroy();
          return;
        }
        answered = true;
        this.startFeed(connection, received.subarray(0, end));
      } else connection.destroy(); // not LSL: drop it, keep serving everyone else
    });
  }

  private startFeed(connection: TcpConnection, requestBytes: Uint8Array): void {
    const info = this.info;
    let request;
    try {
      request = parseStreamfeedRequest(requestBytes, `streamfeed request from ${connection.remote.address}:${connection.remote.port}`);
    } catch {
      connection.destroy();
      return;
    }
    const headers = request.headers;
    // The outlet reads Protocol-Version, else the request line's version (Data-Protocol-Version is ignored).
    const version = headers.has('protocol-version') ? Number(headers.get('protocol-version')) : request.version;
    const valueSize = headers.get('value-size');
    const wrongSize = info.channelFormat !== 'string' && valueSize !== undefined && Number(valueSize) !== VALUE_SIZE[info.channelFormat];
    if (!(version >= PROTOCOL_VERSION && version < 200) || wrongSize) {
      connection.write(formatErrorStatus(505));
      connection.end();
      return;
    }
    if (request.uid !== '' && request.uid !== info.uid) {
      connection.write(formatErrorStatus(404));
      connection.end();
      return;
    }
    const byteOrder = headers.get('native-byte-order') === '4321' ? 4321 : 1234;
    const suppress = headers.get('supports-subnormals') === '0';
    const sampleEncoder = new SampleEncoder(info.channelFormat, info.channelCount, byteOrder === 1234, suppress);
    const requested = Number(headers.get('max-buffer-length'));
    const ownBound = Math.ceil((this.options.maxBufferedSec ?? 360) * (info.nominalSrate > 0 ? info.nominalSrate : 100));
    const maxSamples = headers.has('max-buffer-length') && Number.isInteger(requested) && requested >= 0 ? requested : ownBound;
    const patterns = [4, 2].map((offset) => testPatternValues(info.channelFormat, info.channelCount, offset));
    const stamp = Float64Array.of(TEST_PATTERN_TIMESTAMP);
    connection.write(formatResponseHeader(info.uid, byteOrder, suppress));
    for (const pattern of patterns) connection.write(sampleEncoder.encode(pattern, stamp, 0, 1));
    if (maxSamples === 0) {
      connection.end();
      return;
    }
    const consumer: Consumer = {
      connection,
      encoder: sampleEncoder,
      encoding: `${byteOrder}/${suppress}`,
      queue: [],
      queuedSamples: 0,
      maxSamples,
      droppedSamples: 0,
      blocked: false,
    };
    connection.onDrain(() => {
      consumer.blocked = false;
      this.flush(consumer);
    });
    this.consumers.add(consumer);
    for (const wake of this.consumerWaiters.splice(0)) wake();
  }
}
