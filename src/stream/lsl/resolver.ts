// Stream discovery (liblsl resolve_streams / resolve_byprop): `LSL:shortinfo` queries by UDP to the
// discovery port, repeated in waves until enough distinct streams answered or the timeout passed.
import { StrnnError } from '../../util/errors.js';
import type { LslTransport } from './transport.js';
import type { ResolveOptions, ResolveQuery, StreamInfo } from './types.js';

export async function resolveStreamsWith(transport: LslTransport, query: ResolveQuery, options: ResolveOptions = {}): Promise<StreamInfo[]> {
  void transport;
  void query;
  void options;
  throw new StrnnError('UNSUPPORTED', 'LSL resolve: not implemented yet');
}
