// The UDP messages of LSL discovery and clock synchronisation, as liblsl 1.17 writes them:
//   query   "LSL:shortinfo" CRLF <query> CRLF <returnPort> " " <queryId> CRLF   (to port 16571 or a service port)
//   reply   <queryId> CRLF <shortinfo XML>                                     (to the returnPort)
//   probe   "LSL:timedata" CRLF <waveId> " " <t0> CRLF                          (to the service port)
//   reply   " " <waveId> " " <t0 as received> " " <t1> " " <t2>                (to the probe's source)
import { StrnnError } from '../../util/errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type DiscoveryRequest =
  | { kind: 'shortinfo'; query: string; returnPort: number; queryId: string }
  | { kind: 'timedata'; waveId: string; t0: string };

/** A stable decimal id for a query text (FNV-1a, 64 bit): the same text always gives the same id, as in liblsl. */
export function queryIdOf(query: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of encoder.encode(query)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString();
}

export function formatShortinfoQuery(query: string, returnPort: number, queryId: string): Uint8Array {
  return encoder.encode(`LSL:shortinfo\r\n${query}\r\n${returnPort} ${queryId}\r\n`);
}

/** Read a datagram sent to a discovery or service port; undefined for anything else (it is ignored, as liblsl does). */
export function parseDiscoveryRequest(data: Uint8Array): DiscoveryRequest | undefined {
  if (data.length > 65536) return undefined;
  const lines = decoder.decode(data).split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[0] === 'LSL:shortinfo' && lines.length >= 3) {
    const m = /^(\d{1,5}) (\S+)$/.exec(lines[2]!.trim());
    if (!m) return undefined;
    const returnPort = Number(m[1]);
    if (returnPort < 1 || returnPort > 65535) return undefined;
    return { kind: 'shortinfo', query: lines[1]!, returnPort, queryId: m[2]! };
  }
  if (lines[0] === 'LSL:timedata' && lines.length >= 2) {
    const m = /^(\S+) (\S+)$/.exec(lines[1]!.trim());
    if (!m || !Number.isFinite(Number(m[2]))) return undefined;
    return { kind: 'timedata', waveId: m[1]!, t0: m[2]! };
  }
  return undefined;
}

export function formatShortinfoReply(queryId: string, xml: string): Uint8Array {
  return encoder.encode(`${queryId}\r\n${xml}`);
}

/** Split a reply into its query id and XML; undefined when it is not a shortinfo reply. */
export function parseShortinfoReply(data: Uint8Array): { queryId: string; xml: string } | undefined {
  const text = decoder.decode(data);
  const eol = text.indexOf('\n');
  if (eol < 0) return undefined;
  return { queryId: text.slice(0, eol).replace(/\r$/, '').trim(), xml: text.slice(eol + 1) };
}

/** %.16g, the precision liblsl prints clock readings with (2495.29331925). */
export function formatClock(seconds: number): string {
  return String(Number(seconds.toPrecision(16)));
}

export function formatTimeProbe(waveId: string, t0: number): Uint8Array {
  return encoder.encode(`LSL:timedata\r\n${waveId} ${formatClock(t0)}\r\n`);
}

export function formatTimeReply(waveId: string, t0: string, t1: number, t2: number): Uint8Array {
  return encoder.encode(` ${waveId} ${t0} ${formatClock(t1)} ${formatClock(t2)}`);
}

export interface TimeReply {
  waveId: string;
  t0: number;
  t1: number;
  t2: number;
}

/** Read a time reply (with or without the leading space liblsl writes); undefined when it is not one. */
export function parseTimeReply(data: Uint8Array): TimeReply | undefined {
  const parts = decoder.decode(data).trim().split(/\s+/);
  if (parts.length !== 4) return undefined;
  const [t0, t1, t2] = parts.slice(1).map(Number) as [number, number, number];
  if (![t0, t1, t2].every(Number.isFinite)) return undefined;
  return { waveId: parts[0]!, t0, t1, t2 };
}

/**
 * The clock offset from one probe (NTP's formula): the probe left at t0 (local), arrived at t1 (remote),
 * the reply left at t2 (remote) and arrived at t3 (local). offset = local - remote, rtt = round trip
 * minus the outlet's own time.
 */
export function timeOffsetOf(reply: TimeReply, t3: number): { offset: number; rtt: number } {
  if (t3 < reply.t0) throw new StrnnError('INPUT', 'LSL time reply arrived before its probe was sent');
  return { offset: (reply.t0 - reply.t1 + (t3 - reply.t2)) / 2, rtt: t3 - reply.t0 - (reply.t2 - reply.t1) };
}
