// The text part of an `LSL:streamfeed/110` exchange: the inlet's request (request line, header lines,
// empty line) and the outlet's response header, as liblsl 1.17 writes and reads them. Error statuses
// (404 wrong uid, 505 unsupported version) carry no line end: the outlet writes them and closes.
import { StrnnError } from '../../util/errors.js';
import { VALUE_SIZE, type ByteOrder } from './sample-codec.js';
import type { StreamInfo } from './types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Protocol version this implementation speaks (1.10, `LSL:streamfeed/110`). */
export const PROTOCOL_VERSION = 110;

/** The size liblsl inlets announce for strings (sizeof(std::string) on 64-bit). */
const STRING_VALUE_SIZE = 32;

export interface StreamfeedRequest {
  /** The request line's version (100 for the legacy "LSL:streamfeed" without one). */
  version: number;
  /** The uid the request names ('' when absent). */
  uid: string;
  /** Header fields by lower-case name. */
  headers: Map<string, string>;
}

export interface StreamfeedResponseHeader {
  status: number;
  statusText: string;
  headers: Map<string, string>;
}

/** Bytes up to and including the first empty line (CRLF CRLF or LF LF), or -1 when not there yet. */
export function headerEnd(data: Uint8Array, from = 0): number {
  for (let i = Math.max(from, 1); i < data.length; i++) {
    if (data[i] !== 0x0a) continue;
    if (data[i - 1] === 0x0a) return i + 1;
    if (data[i - 1] === 0x0d && i >= 2 && data[i - 2] === 0x0a) return i + 1;
  }
  return -1;
}

function headerLines(lines: string[], where: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of lines) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new StrnnError('FORMAT', `${where}: header line "${line.slice(0, 80)}" has no "name: value" form`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** The request a liblsl 1.17 inlet sends, field for field (we measure no endian performance: 0). */
export function formatStreamfeedRequest(info: StreamInfo, maxBufferLength: number): Uint8Array {
  const isString = info.channelFormat === 'string';
  const lines = [
    `LSL:streamfeed/${PROTOCOL_VERSION} ${info.uid}`,
    'Native-Byte-Order: 1234',
    'Endian-Performance: 0',
    'Has-IEEE754-Floats: 1',
    `Supports-Subnormals: ${isString ? 0 : 1}`,
    `Value-Size: ${isString ? STRING_VALUE_SIZE : VALUE_SIZE[info.channelFormat]}`,
    `Data-Protocol-Version: ${PROTOCOL_VERSION}`,
    `Max-Buffer-Length: ${maxBufferLength}`,
    'Max-Chunk-Length: 0',
    `Hostname: ${info.hostname}`,
    `Source-Id: ${info.sourceId}`,
    `Session-Id: ${info.sessionId}`,
    '',
    '',
  ];
  return encoder.encode(lines.join('\r\n'));
}

/** Read a request header (the bytes up to headerEnd). */
export function parseStreamfeedRequest(data: Uint8Array, where: string): StreamfeedRequest {
  const lines = decoder.decode(data).split('\n').map((l) => l.replace(/\r$/, ''));
  const m = /^LSL:streamfeed(?:\/(\d+))?(?: (\S*))?\s*$/.exec(lines[0]!);
  if (!m) throw new StrnnError('FORMAT', `${where}: request line "${lines[0]!.slice(0, 80)}" is not LSL:streamfeed/<version> <uid>`);
  return { version: m[1] === undefined ? 100 : Number(m[1]), uid: m[2] ?? '', headers: headerLines(lines.slice(1), where) };
}

export function formatResponseHeader(uid: string, byteOrder: ByteOrder, suppressSubnormals: boolean): Uint8Array {
  const lines = [
    `LSL/${PROTOCOL_VERSION} 200 OK`,
    `UID: ${uid}`,
    `Byte-Order: ${byteOrder}`,
    `Suppress-Subnormals: ${suppressSubnormals ? 1 : 0}`,
    `Data-Protocol-Version: ${PROTOCOL_VERSION}`,
    '',
    '',
  ];
  return encoder.encode(lines.join('\r\n'));
}

/** An error status, written without a line end (liblsl's form), before the outlet closes. */
export function formatErrorStatus(status: 404 | 505): Uint8Array {
  return encoder.encode(`LSL/${PROTOCOL_VERSION} ${status === 404 ? '404 Not found' : '505 Version not supported'}`);
}

/** Read a response header (bytes up to headerEnd, or everything an outlet sent before closing). */
export function parseResponseHeader(data: Uint8Array, where: string): StreamfeedResponseHeader {
  const lines = decoder.decode(data).split('\n').map((l) => l.replace(/\r$/, ''));
  const m = /^LSL\/(\d+) (\d{3}) ?(.*)$/.exec(lines[0]!);
  if (!m) throw new StrnnError('FORMAT', `${where}: response status line "${lines[0]!.slice(0, 80)}" is not LSL/<version> <status> <text>`);
  return { status: Number(m[2]), statusText: m[3]!, headers: headerLines(lines.slice(1), where) };
}
