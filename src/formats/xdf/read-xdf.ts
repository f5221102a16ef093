// XDF reader, written by hand: no maintained npm package reads XDF, and the container is short to
// read from its published specification (github.com/sccn/xdf, "Specifications"):
//   file    = "XDF:" chunk*
//   chunk   = NumLengthBytes(u8: 1, 4 or 8) Length(u8/u32/u64, bytes of tag + content) Tag(u16) content
//   tags    1 FileHeader (XML) · 2 StreamHeader (StreamId u32, XML) · 3 Samples · 4 ClockOffset
//           (StreamId, CollectionTime f64, OffsetValue f64) · 5 Boundary (16-byte UUID) · 6 StreamFooter
//   Samples = StreamId NumSamples(varlen) sample*;  sample = TimeStampBytes(u8: 0 or 8) [TimeStamp f64]
//             values: C little-endian numbers of the channel format, or per channel a varlen byte
//             count and UTF-8 bytes
// A sample without a time stamp gets the previous one + 1/nominal rate (0 for irregular streams), as
// pyxdf deduces them. All integers are little-endian. Clock correction is in clock-sync.ts.
//
// Damaged files fail, never recover silently: each error names the file and the byte offset of the
// chunk that does not parse (a truncated file, a bad length byte, a sample that overruns its chunk).
// .xdfz (gzip-compressed XDF) is inflated first.
import { TextDecoder } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { StrnnError } from '../../util/errors.js';
import { concatTyped } from '../../util/typed-arrays.js';
import { readFileBytes } from '../read-bytes.js';
import type { XdfChannelFormat, XdfChannelInfo, XdfFile, XdfStream } from './types.js';
import { parseXml, xmlChild, xmlChildText, type XmlElement } from './xml.js';

const TAG_NAMES: Record<number, string> = { 1: 'FileHeader', 2: 'StreamHeader', 3: 'Samples', 4: 'ClockOffset', 5: 'Boundary', 6: 'StreamFooter' };
const VALUE_BYTES: Record<Exclude<XdfChannelFormat, 'string'>, number> = { float32: 4, double64: 8, int8: 1, int16: 2, int32: 4, int64: 8 };

/** Bytes of one chunk's content with a cursor; every read is bounds-checked against the chunk. */
class ChunkCursor {
  pos: number;
  constructor(
    private readonly view: DataView,
    start: number,
    private readonly end: number,
    readonly fail: (reason: string) => never,
    /** What `end` is the end of, for messages: 'chunk' or 'file'. */
    private readonly endOf: 'chunk' | 'file' = 'chunk',
  ) {
    this.pos = start;
  }

  need(n: number, what: string): number {
    if (this.pos + n > this.end) this.fail(`${what} needs ${n} bytes at byte ${this.pos}, the ${this.endOf} ends at ${this.end}`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(what: string): number {
    return this.view.getUint8(this.need(1, what));
  }

  u16(what: string): number {
    return this.view.getUint16(this.need(2, what), true);
  }

  u32(what: string): number {
    return this.view.getUint32(this.need(4, what), true);
  }

  f64(what: string): number {
    return this.view.getFloat64(this.need(8, what), true);
  }

  /** XDF's variable-length integer: a byte count (1, 4 or 8), then the value. */
  varlen(what: string): number {
    const width = this.u8(what);
    if (width === 1) return this.u8(what);
    if (width === 4) return this.u32(what);
    if (width === 8) {
      const v = this.view.getBigUint64(this.need(8, what), true);
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`${what} is ${v}, too large`);
      return Number(v);
    }
    return this.fail(`${what} has byte count ${width}, expected 1, 4 or 8`);
  }
}

/** Read and decode an .xdf (or gzip-compressed .xdfz) file. */
export function readXdf(path: string): XdfFile {
  let bytes = readFileBytes(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new StrnnError('FORMAT', `${path}: gzip-compressed XDF that does not inflate (${(e as Error).message})`);
    }
  }
  return parseXdf(bytes, path);
}

interface StreamBuilder {
  stream: Omit<XdfStream, 'timestamps' | 'values' | 'strings'>;
  /** One typed array per Samples chunk, joined at the end (no per-value array growth). */
  stampChunks: Float64Array[];
  valueChunks: Float64Array[];
  strings: string[][];
  lastTimestamp: number;
  /** Seconds between regular samples (0 for irregular streams), for deduced time stamps. */
  tdiffSec: number;
}

function channelFormatOf(text: string | undefined, fail: (r: string) => never): XdfChannelFormat {
  if (text !== undefined && (text === 'string' || text in VALUE_BYTES)) return text as XdfChannelFormat;
  return fail(`channel_format is '${text ?? ''}', expected float32, double64, int8, int16, int32, int64 or string`);
}

function streamFromHeader(id: number, header: XmlElement, fail: (r: string) => never): StreamBuilder {
  const channelCount = Number(xmlChildText(header, 'channel_count'));
  if (!Number.isInteger(channelCount) || channelCount < 1) fail(`channel_count is '${xmlChildText(header, 'channel_count') ?? ''}', expected a positive integer`);
  const nominalSrateHz = Number(xmlChildText(header, 'nominal_srate') ?? 'NaN');
  if (!(nominalSrateHz >= 0)) fail(`nominal_srate is '${xmlChildText(header, 'nominal_srate') ?? ''}', expected a number ≥ 0`);
  const channelFormat = channelFormatOf(xmlChildText(header, 'channel_format'), fail);
  const channels: XdfChannelInfo[] = (xmlChild(xmlChild(header, 'desc'), 'channels')?.children ?? [])
    .filter((c) => c.name === 'channel')
    .map((c) => {
      const info: XdfChannelInfo = {};
      for (const key of ['label', 'unit', 'type'] as const) {
        const v = xmlChildText(c, key);
        if (v !== undefined && v !== '') info[key] = v;
      }
      return info;
    });
  return {
    stream: {
      id, name: xmlChildText(header, 'name') ?? '', type: xmlChildText(header, 'type') ?? '',
      channelCount, nominalSrateHz, channelFormat, channels, clockTimes: [], clockValues: [], header,
    },
    stampChunks: [], valueChunks: [], strings: [], lastTimestamp: 0,
    tdiffSec: nominalSrateHz > 0 ? 1 / nominalSrateHz : 0,
  };
}

const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** An aligned buffer for one sample's float values, seen as bytes and as floats. */
function floatScratch(format: 'float32' | 'double64', C: number): { bytes: Uint8Array; floats: Float32Array | Float64Array } {
  const floats = format === 'float32' ? new Float32Array(C) : new Float64Array(C);
  return { bytes: new Uint8Array(floats.buffer), floats };
}

function readSamples(b: StreamBuilder, cur: ChunkCursor, view: DataView, decoder: TextDecoder, chunkEnd: number): void {
  const { channelCount: C, channelFormat } = b.stream;
  const count = cur.varlen('NumSamples');
  // Every sample takes at least its TimeStampBytes byte and its values (a length byte per string), so
  // a lying count cannot make us allocate more than the chunk could hold; reading then fails in place.
  const width = channelFormat === 'string' ? 1 : VALUE_BYTES[channelFormat];
  const capacity = Math.min(count, Math.floor((chunkEnd - cur.pos) / (1 + C * width)) + 1);
  const stamps = new Float64Array(capacity);
  const values = channelFormat === 'string' ? new Float64Array(0) : new Float64Array(capacity * C);
  const scratch = HOST_LITTLE_ENDIAN && (channelFormat === 'float32' || channelFormat === 'double64') ? floatScratch(channelFormat, C) : undefined;
  for (let k = 0; k < count; k++) {
    const what = `sample ${k + 1} of ${count}`;
    const stampBytes = cur.u8(`${what}: TimeStampBytes`);
    let t: number;
    if (stampBytes === 8) t = cur.f64(`${what}: TimeStamp`);
    else if (stampBytes === 0) t = b.lastTimestamp + b.tdiffSec;
    else return cur.fail(`${what}: TimeStampBytes is ${stampBytes}, expected 0 or 8`);
    b.lastTimestamp = t;
    if (channelFormat === 'string') {
      const row: string[] = [];
      for (let c = 0; c < C; c++) {
        const n = cur.varlen(`${what}: length of channel ${c + 1}`);
        const at = cur.need(n, `${what}: channel ${c + 1}`);
        row.push(decoder.decode(new Uint8Array(view.buffer, view.byteOffset + at, n)));
      }
      stamps[k] = t;
      b.strings.push(row);
      continue;
    }
    const at = cur.need(C * width, `${what}: values`);
    stamps[k] = t;
    const out = k * C;
    if (scratch) {
      // Float samples sit at any byte offset: copy them to an aligned buffer and read them in one go.
      scratch.bytes.set(new Uint8Array(view.buffer, view.byteOffset + at, C * width));
      for (let c = 0; c < C; c++) values[out + c] = scratch.floats[c]!;
      continue;
    }
    for (let c = 0; c < C; c++) {
      const p = at + c * width;
      switch (channelFormat) {
        case 'float32': values[out + c] = view.getFloat32(p, true); break;
        case 'double64': values[out + c] = view.getFloat64(p, true); break;
        case 'int8': values[out + c] = view.getInt8(p); break;
        case 'int16': values[out + c] = view.getInt16(p, true); break;
        case 'int32': values[out + c] = view.getInt32(p, true); break;
        case 'int64': values[out + c] = Number(view.getBigInt64(p, true)); break;
      }
    }
  }
  b.stampChunks.push(stamps);
  b.valueChunks.push(values);
}

const concat = (chunks: readonly Float64Array[]): Float64Array => concatTyped(chunks, (n) => new Float64Array(n));

/** Decode XDF bytes; `file` names the source in error messages. */
export function parseXdf(bytes: Uint8Array, file = '<buffer>'): XdfFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8');
  if (bytes.length < 4 || decoder.decode(bytes.subarray(0, 4)) !== 'XDF:') {
    throw new StrnnError('FORMAT', `${file}: does not start with the XDF magic 'XDF:'; not an XDF file`);
  }
  let fileHeader: XmlElement | undefined;
  const builders = new Map<number, StreamBuilder>();
  let pos = 4;
  while (pos < bytes.length) {
    const chunkAt = pos;
    let label = 'chunk';
    const fail = (reason: string): never => {
      throw new StrnnError('FORMAT', `${file}: ${label} at byte ${chunkAt}: ${reason}`);
    };
    const head = new ChunkCursor(view, pos, bytes.length, fail, 'file');
    const length = head.varlen('chunk length');
    if (length < 2) fail(`chunk length is ${length}, expected at least 2 (the tag)`);
    const contentEnd = head.pos + length;
    if (contentEnd > bytes.length) fail(`chunk declares ${length} bytes, only ${bytes.length - head.pos} remain (file truncated?)`);
    const tag = head.u16('tag');
    label = `${TAG_NAMES[tag] ?? `chunk (tag ${tag})`} chunk`;
    if (TAG_NAMES[tag] === undefined) fail(`unknown chunk tag ${tag}, expected 1 to 6`);
    if (fileHeader === undefined && tag !== 1) fail('the first chunk must be the FileHeader');
    const cur = new ChunkCursor(view, head.pos, contentEnd, fail);
    const xml = (): XmlElement => {
      try {
        return parseXml(decoder.decode(bytes.subarray(cur.pos, contentEnd)));
      } catch (e) {
        return fail(`XML does not parse (${(e as Error).message})`);
      }
    };
    if (tag === 1) {
      if (fileHeader !== undefined) fail('a second FileHeader');
      fileHeader = xml();
    } else if (tag === 5) {
      cur.need(16, 'boundary UUID');
    } else {
      const id = cur.u32('StreamId');
      label += ` (stream ${id})`;
      const builder = builders.get(id);
      if (tag === 2) {
        if (builder) fail('a second StreamHeader for this stream');
        builders.set(id, streamFromHeader(id, xml(), fail));
      } else if (!builder) {
        fail('no StreamHeader before it for this stream');
      } else if (tag === 3) {
        readSamples(builder, cur, view, decoder, contentEnd);
        if (cur.pos !== contentEnd) fail(`${contentEnd - cur.pos} bytes left after the last sample`);
      } else if (tag === 4) {
        builder.stream.clockTimes.push(cur.f64('CollectionTime'));
        builder.stream.clockValues.push(cur.f64('OffsetValue'));
      } else {
        builder.stream.footer = xml();
      }
    }
    pos = contentEnd;
  }
  if (fileHeader === undefined) throw new StrnnError('FORMAT', `${file}: no FileHeader chunk after the magic; file truncated?`);
  const streams: XdfStream[] = [...builders.values()].map((b) => ({
    ...b.stream,
    timestamps: concat(b.stampChunks),
    ...(b.stream.channelFormat === 'string' ? { strings: b.strings } : { values: concat(b.valueChunks) }),
  }));
  return { fileHeader, streams };
}
