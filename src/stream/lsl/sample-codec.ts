// Binary samples of LSL protocol 1.10, both ways. A sample is a tag byte (2: an 8-byte float64 timestamp
// follows; 1: deduced, none follows), then channelCount values without padding, in the byte order the
// response header named. A string value is a width byte (1, 2, 4 or 8), the byte length in that many
// bytes, then UTF-8. Deduced timestamps are previous + 1/nominalSrate accumulated in float64 (previous
// itself for an irregular rate). The two test-pattern samples after the header follow liblsl's
// sample::assign_test_pattern (the int8 and int64 rules are from liblsl's source; no transcript has them).
import { StrnnError } from '../../util/errors.js';
import { concatBytes } from '../../util/typed-arrays.js';
import type { ChannelFormat, PushValues, SampleValues } from './types.js';

export type ByteOrder = 1234 | 4321;

/** Bytes per value on the wire (strings are variable: 0). */
export const VALUE_SIZE: Record<ChannelFormat, number> = { float32: 4, double64: 8, string: 0, int32: 4, int16: 2, int8: 1, int64: 8 };

export const TAG_DEDUCED_TIMESTAMP = 1;
export const TAG_TRANSMITTED_TIMESTAMP = 2;
export const TEST_PATTERN_TIMESTAMP = 123456.789;

/** Longest string value we accept from the wire (a width-8 length beyond this is garbage, not data). */
const MAX_STRING_BYTES = 64 * 1024 * 1024;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** A typed array of `count × channelCount` values in the stream's native type. */
export function allocateValues(format: ChannelFormat, length: number): SampleValues {
  switch (format) {
    case 'float32':
      return new Float32Array(length);
    case 'double64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'int64':
      return new BigInt64Array(length);
    case 'string':
      return new Array<string>(length).fill('');
  }
}

/** The values of test-pattern sample `offset` (4 for the first, 2 for the second), frame of channelCount. */
export function testPatternValues(format: ChannelFormat, channelCount: number, offset: number): SampleValues {
  const values = allocateValues(format, channelCount);
  for (let k = 0; k < channelCount; k++) {
    const sign = k % 2 === 0 ? 1 : -1;
    switch (format) {
      case 'float32':
      case 'double64':
      case 'int32':
      case 'int16':
      case 'int8': {
        const v =
          format === 'float32'
            ? k + offset
            : format === 'double64'
              ? k + offset + 16777217
              : format === 'int32'
                ? (k + offset + 65537) % 2147483647
                : format === 'int16'
                  ? (k + offset + 257) % 32767
                  : (k + offset + 1) % 127;
        (values as Float64Array)[k] = v * sign;
        break;
      }
      case 'int64':
        (values as BigInt64Array)[k] = BigInt(2 + k + offset + 2147483647) * BigInt(sign);
        break;
      case 'string':
        (values as string[])[k] = String((k + 10) * sign);
        break;
    }
  }
  return values;
}

/** Same values, bit for bit (float compare by bits, so -0 and NaN payloads count). */
export function sameValues(a: SampleValues, b: SampleValues): boolean {
  if (a.length !== b.length) return false;
  if (Array.isArray(a) || Array.isArray(b)) return (a as string[]).every((v, i) => v === (b as string[])[i]);
  if (a instanceof Float32Array || a instanceof Float64Array) return a.every((v, i) => Object.is(v, (b as Float64Array)[i]));
  return (a as Int32Array).every((v: number | bigint, i: number) => v === (b as Int32Array)[i]);
}

/** Convert pushed values to the stream's type, refusing what does not fit (no silent wrap or rounding). */
export function toNativeValues(format: ChannelFormat, input: PushValues, where: string): SampleValues {
  const n = input.length;
  const out = allocateValues(format, n);
  for (let i = 0; i < n; i++) {
    const v = input[i];
    if (format === 'string') {
      if (typeof v !== 'string') throw new StrnnError('INPUT', `${where}: value ${i} is a ${typeof v}, expected a string (channel_format string)`);
      (out as string[])[i] = v;
    } else if (format === 'int64') {
      if (typeof v === 'bigint') (out as BigInt64Array)[i] = BigInt.asIntN(64, v) === v ? v : failRange(where, i, v, format);
      else if (typeof v === 'number' && Number.isSafeInteger(v)) (out as BigInt64Array)[i] = BigInt(v);
      else throw new StrnnError('INPUT', `${where}: value ${i} is ${String(v)}, expected an integer (channel_format int64)`);
    } else {
      if (typeof v !== 'number') throw new StrnnError('INPUT', `${where}: value ${i} is a ${typeof v}, expected a number (channel_format ${format})`);
      if (format !== 'float32' && format !== 'double64') {
        const bits = VALUE_SIZE[format] * 8;
        const limit = 2 ** (bits - 1);
        if (!Number.isInteger(v) || v < -limit || v >= limit) failRange(where, i, v, format);
      }
      (out as Float64Array)[i] = v;
    }
  }
  return out;
}

function failRange(where: string, i: number, v: unknown, format: ChannelFormat): never {
  throw new StrnnError('INPUT', `${where}: value ${i} is ${String(v)}, which is not an integer in the range of channel_format ${format}`);
}

const FLOAT32_MIN_NORMAL = 2 ** -126;
const FLOAT64_MIN_NORMAL = 2 ** -1022;

/**
 * Encodes samples for one consumer (its byte order and subnormal setting). `timestamps[i]` NaN means
 * "deduced" (tag 1); the caller decides that, because only it knows what the consumer has seen.
 */
export class SampleEncoder {
  private readonly size: number;

  constructor(
    private readonly format: ChannelFormat,
    private readonly channelCount: number,
    private readonly littleEndian: boolean,
    private readonly suppressSubnormals: boolean,
  ) {
    this.size = VALUE_SIZE[format];
  }

  /** Encode samples [first, first + count) of frame-major `values`; NaN timestamps are sent as deduced. */
  encode(values: SampleValues, timestamps: ArrayLike<number>, first: number, count: number): Uint8Array {
    const cc = this.channelCount;
    let strings: Uint8Array[] = [];
    let bytes = 0;
    for (let s = 0; s < count; s++) bytes += Number.isNaN(timestamps[first + s]!) ? 1 : 9;
    if (this.format === 'string') {
      strings = (values as string[]).slice(first * cc, (first + count) * cc).map((v) => utf8Encoder.encode(v));
      for (const b of strings) bytes += (b.length <= 0xff ? 2 : 5) + b.length;
    } else bytes += count * cc * this.size;
    const out = new Uint8Array(bytes);
    const view = new DataView(out.buffer);
    const le = this.littleEndian;
    let pos = 0;
    for (let s = 0; s < count; s++) {
      const t = timestamps[first + s]!;
      if (Number.isNaN(t)) out[pos++] = TAG_DEDUCED_TIMESTAMP;
      else {
        out[pos++] = TAG_TRANSMITTED_TIMESTAMP;
        view.setFloat64(pos, t, le);
        pos += 8;
      }
      const base = (first + s) * cc;
      switch (this.format) {
        case 'float32': {
          const v = values as Float32Array;
          for (let c = 0; c < cc; c++, pos += 4) view.setFloat32(pos, this.flush(v[base + c]!, FLOAT32_MIN_NORMAL), le);
          break;
        }
        case 'double64': {
          const v = values as Float64Array;
          for (let c = 0; c < cc; c++, pos += 8) view.setFloat64(pos, this.flush(v[base + c]!, FLOAT64_MIN_NORMAL), le);
          break;
        }
        case 'int32':
          for (let c = 0; c < cc; c++, pos += 4) view.setInt32(pos, (values as Int32Array)[base + c]!, le);
          break;
        case 'int16':
          for (let c = 0; c < cc; c++, pos += 2) view.setInt16(pos, (values as Int16Array)[base + c]!, le);
          break;
        case 'int8':
          for (let c = 0; c < cc; c++, pos += 1) view.setInt8(pos, (values as Int8Array)[base + c]!);
          break;
        case 'int64':
          for (let c = 0; c < cc; c++, pos += 8) view.setBigInt64(pos, (values as BigInt64Array)[base + c]!, le);
          break;
        case 'string':
          for (let c = 0; c < cc; c++) {
            const b = strings[s * cc + c]!;
            // liblsl's widths: 1 byte of length up to 255 bytes, else 4.
            if (b.length <= 0xff) {
              out[pos++] = 1;
              out[pos++] = b.length;
            } else {
              out[pos++] = 4;
              view.setUint32(pos, b.length, le);
              pos += 4;
            }
            out.set(b, pos);
            pos += b.length;
          }
          break;
      }
    }
    return out;
  }

  private flush(v: number, minNormal: number): number {
    // Suppress-Subnormals: 1 tells the consumer it gets no subnormals; they become zero of the same sign.
    return this.suppressSubnormals && v !== 0 && Math.abs(v) < minNormal ? (v < 0 ? -0 : 0) : v;
  }
}

export interface DecodedSamples {
  count: number;
  values: SampleValues;
  timestamps: Float64Array;
  /** Set when bytes after the returned samples cannot be a sample: the stream is broken from there. */
  error?: StrnnError;
}

/**
 * Incremental decoder for one streamfeed connection: feed it whatever TCP delivered; it returns the
 * samples completed so far and keeps a partial sample for the next call. Bytes that cannot be a sample
 * (unknown tag, bad string width, absurd string length) end the result: the samples before them are
 * returned with `error` set, and the decoder refuses further input.
 */
export class SampleDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private broken: StrnnError | undefined;
  private lastTimestamp = 0;
  private readonly size: number;
  private readonly step: number;

  constructor(
    private readonly format: ChannelFormat,
    private readonly channelCount: number,
    nominalSrate: number,
    private readonly littleEndian: boolean,
    private readonly where: string,
  ) {
    this.size = VALUE_SIZE[format];
    this.step = nominalSrate > 0 ? 1 / nominalSrate : 0;
  }

  /** Bytes held back (a sample not yet complete). */
  get pendingBytes(): number {
    return this.pending.length;
  }

  feed(chunk: Uint8Array, maxSamples = Infinity): DecodedSamples {
    const data = this.pending.length > 0 ? concatBytes(this.pending, chunk) : chunk;
    if (this.broken) return { count: 0, values: allocateValues(this.format, 0), timestamps: new Float64Array(0), error: this.broken };
    const result = this.format === 'string' ? this.decodeStrings(data, maxSamples) : this.decodeNumbers(data, maxSamples);
    this.pending = data.slice(result.used);
    const samples: DecodedSamples = { count: result.count, values: result.values, timestamps: result.timestamps };
    if (this.broken) samples.error = this.broken;
    return samples;
  }

  /** true: stamped, false: deduced, undefined: not a tag (the decoder is broken from here). */
  private tag(byte: number, pos: number): boolean | undefined {
    if (byte === TAG_TRANSMITTED_TIMESTAMP) return true;
    if (byte === TAG_DEDUCED_TIMESTAMP) return false;
    this.broken = new StrnnError('FORMAT', `${this.where}: byte ${byte} at sample start (stream byte ${pos} of this read) is not a sample tag (1 or 2)`);
    return undefined;
  }

  // One loop per type on purpose: a per-value call through a table of readers would cost the inlet
  // a good part of its throughput (bench/lsl-inlet.ts).
  private decodeNumbers(data: Uint8Array, maxSamples: number): DecodedSamples & { used: number } {
    const cc = this.channelCount;
    const valueBytes = cc * this.size;
    const capacity = Math.min(maxSamples, Math.floor(data.length / (1 + valueBytes)));
    const values = allocateValues(this.format, capacity * cc);
    const timestamps = new Float64Array(capacity);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const le = this.littleEndian;
    let pos = 0;
    let count = 0;
    while (count < capacity && pos < data.length) {
      const stamped = this.tag(data[pos]!, pos);
      if (stamped === undefined) break;
      const need = 1 + (stamped ? 8 : 0) + valueBytes;
      if (pos + need > data.length) break;
      pos++;
      if (stamped) {
        this.lastTimestamp = view.getFloat64(pos, le);
        pos += 8;
      } else this.lastTimestamp += this.step;
      timestamps[count] = this.lastTimestamp;
      const base = count * cc;
      switch (this.format) {
        case 'float32': {
          const v = values as Float32Array;
          for (let c = 0; c < cc; c++, pos += 4) v[base + c] = view.getFloat32(pos, le);
          break;
        }
        case 'double64': {
          const v = values as Float64Array;
          for (let c = 0; c < cc; c++, pos += 8) v[base + c] = view.getFloat64(pos, le);
          break;
        }
        case 'int32': {
          const v = values as Int32Array;
          for (let c = 0; c < cc; c++, pos += 4) v[base + c] = view.getInt32(pos, le);
          break;
        }
        case 'int16': {
          const v = values as Int16Array;
          for (let c = 0; c < cc; c++, pos += 2) v[base + c] = view.getInt16(pos, le);
          break;
        }
        case 'int8': {
          const v = values as Int8Array;
          for (let c = 0; c < cc; c++, pos += 1) v[base + c] = view.getInt8(pos);
          break;
        }
        case 'int64': {
          const v = values as BigInt64Array;
          for (let c = 0; c < cc; c++, pos += 8) v[base + c] = view.getBigInt64(pos, le);
          break;
        }
        case 'string':
          break;
      }
      count++;
    }
    return { count, values: count === capacity ? values : ((values as Float32Array).subarray(0, count * cc) as SampleValues), timestamps: timestamps.subarray(0, count), used: pos };
  }

  private decodeStrings(data: Uint8Array, maxSamples: number): DecodedSamples & { used: number } {
    const cc = this.channelCount;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const le = this.littleEndian;
    const values: string[] = [];
    const timestamps: number[] = [];
    let pos = 0;
    outer: while (timestamps.length < maxSamples && pos < data.length) {
      const stamped = this.tag(data[pos]!, pos);
      if (stamped === undefined) break;
      let p = pos + 1;
      let timestamp = this.lastTimestamp + this.step;
      if (stamped) {
        if (p + 8 > data.length) break;
        timestamp = view.getFloat64(p, le);
        p += 8;
      }
      const sample: string[] = [];
      for (let c = 0; c < cc; c++) {
        if (p >= data.length) break outer;
        const width = data[p]!;
        if (width !== 1 && width !== 2 && width !== 4 && width !== 8) {
          this.broken = new StrnnError('FORMAT', `${this.where}: string length width ${width} (stream byte ${p} of this read), expected 1, 2, 4 or 8`);
          break outer;
        }
        if (p + 1 + width > data.length) break outer;
        const length =
          width === 1 ? data[p + 1]! : width === 2 ? view.getUint16(p + 1, le) : width === 4 ? view.getUint32(p + 1, le) : Number(view.getBigUint64(p + 1, le));
        if (length > MAX_STRING_BYTES) {
          this.broken = new StrnnError('FORMAT', `${this.where}: string value of ${length} bytes, more than the ${MAX_STRING_BYTES} we accept`);
          break outer;
        }
        p += 1 + width;
        if (p + length > data.length) break outer;
        try {
          sample.push(utf8Decoder.decode(data.subarray(p, p + length)));
        } catch {
          this.broken = new StrnnError('FORMAT', `${this.where}: string value (stream byte ${p} of this read) is not valid UTF-8`);
          break outer;
        }
        p += length;
      }
      this.lastTimestamp = timestamp;
      timestamps.push(timestamp);
      values.push(...sample);
      pos = p;
    }
    return { count: timestamps.length, values, timestamps: Float64Array.from(timestamps), used: pos };
  }
}
