// Stream discovery (liblsl resolve_streams / resolve_byprop / resolve_bypred): `LSL:shortinfo` queries by
// UDP to the discovery port (and, on this machine, to the service ports), sent in waves every 500 ms
// until `minimum` distinct streams (by uid) answered or the timeout passed.
import { StrnnError } from '../../util/errors.js';
import { formatShortinfoQuery, parseShortinfoReply, queryIdOf } from './discovery-messages.js';
import { buildQueryText } from './query.js';
import { DISCOVERY_PORT, queryTargets } from './scopes.js';
import { parseStreamInfoXml } from './stream-info-xml.js';
import type { LslTransport } from './transport.js';
import type { DiscoveryScope, ResolveOptions, ResolveQuery, StreamInfo } from './types.js';

const WAVE_INTERVAL_MS = 500;

export interface RawResolveOptions {
  timeoutMs: number;
  minimum: number;
  scope: DiscoveryScope;
  discoveryPort: number;
  /** Also finish early once this holds for the streams found so far (checked on every reply and wave). */
  until?: (found: readonly StreamInfo[]) => boolean;
}

/** Send `queryText` and collect the streams that answer (the query text is passed through unchanged). */
export async function resolveByQueryText(transport: LslTransport, queryText: string, options: RawResolveOptions): Promise<StreamInfo[]> {
  const socket = await transport.openUdp({ broadcast: true });
  const queryId = queryIdOf(queryText);
  const found = new Map<string, StreamInfo>();
  const datagram = formatShortinfoQuery(queryText, socket.port, queryId);
  const targets = queryTargets(options.scope, options.discoveryPort);
  return new Promise<StreamInfo[]>((resolve) => {
    let waveTimer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(waveTimer);
      socket.close();
      resolve([...found.values()]);
    };
    const deadline = setTimeout(finish, options.timeoutMs);
    socket.onMessage((data, from) => {
      const reply = parseShortinfoReply(data);
      if (!reply || reply.queryId !== queryId) return; // an answer to someone else's query, or noise
      let info: StreamInfo;
      try {
        info = parseStreamInfoXml(reply.xml, `shortinfo reply from ${from.address}:${from.port}`);
      } catch {
        return; // a malformed reply cannot be connected to; other outlets may still answer
      }
      if (info.v4address === '') info.v4address = from.address;
      if (!found.has(info.uid)) found.set(info.uid, info);
      if ((options.minimum > 0 && found.size >= options.minimum) || options.until?.([...found.values()])) finish();
    });
    const wave = () => {
      if (options.until?.([...found.values()])) return finish();
      for (const target of targets) void socket.send(datagram, target.port, target.address).catch(() => {});
      waveTimer = setTimeout(wave, WAVE_INTERVAL_MS);
    };
    wave();
  });
}

export async function resolveStreamsWith(transport: LslTransport, query: ResolveQuery, options: ResolveOptions = {}): Promise<StreamInfo[]> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const minimum = options.minimum ?? 1;
  if (!(timeoutMs > 0)) throw new StrnnError('USAGE', `LSL resolve: timeoutMs is ${timeoutMs}, expected a positive number of milliseconds`);
  if (!Number.isInteger(minimum) || minimum < 0) throw new StrnnError('USAGE', `LSL resolve: minimum is ${minimum}, expected an integer >= 0`);
  const text = buildQueryText(query, options.sessionId ?? 'default');
  return resolveByQueryText(transport, text, { timeoutMs, minimum, scope: options.scope ?? 'site', discoveryPort: options.discoveryPort ?? DISCOVERY_PORT });
}
