// `--source` text → a live source: 'lsl:type=EEG' | 'lsl:name=NAME' | 'lsl:source_id=ID',
// 'file:PATH' (EDF/BDF/.npy replay), 'stdin'. The one place that maps the text to an adapter.
import { StrnnError } from '../util/errors.js';
import { fileSource } from './sources/file-source.js';
import { lslSource, parseLslQuery } from './sources/lsl-source.js';
import type { ReplaySpeed } from './sources/replay.js';
import { stdinSource } from './sources/stdin-source.js';
import type { StreamSource } from './types.js';

export interface SourceSpecOptions {
  channels?: readonly string[];
  srateHz?: number;
  speed?: ReplaySpeed;
}

export function openSourceSpec(spec: string, o: SourceSpecOptions = {}): StreamSource {
  if (spec.startsWith('lsl:')) {
    if (o.speed !== undefined) throw new StrnnError('USAGE', '--speed paces file replay; an LSL stream comes at its own pace');
    return lslSource(parseLslQuery(spec.slice(4)), { ...(o.channels && { channels: o.channels }) });
  }
  if (spec.startsWith('file:')) {
    return fileSource(spec.slice(5), { ...(o.channels && { channels: o.channels }), ...(o.srateHz !== undefined && { srateHz: o.srateHz }), ...(o.speed !== undefined && { speed: o.speed }) });
  }
  if (spec === 'stdin') return stdinSource(o.channels ?? [], o.srateHz ?? 0);
  throw new StrnnError('USAGE', `--source '${spec}': expected lsl:type=TYPE, lsl:name=NAME, lsl:source_id=ID, file:PATH or stdin`, 'e.g. --source lsl:type=EEG or --source file:recording.edf');
}
