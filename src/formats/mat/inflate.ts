// zlib for miCOMPRESSED elements. Two uses: inflate a short prefix of a stream, enough to read a
// variable's name, class and dims for the lazy index; and inflate one whole variable with its output
// capped near the size its inner tag declares, so a hostile stream cannot balloon in memory.

import { constants, inflateSync } from 'node:zlib';
import { formatError, type ErrorContext } from './elements.js';

/**
 * Deflate cannot expand one input byte into more than 1032 output bytes (258-byte matches coded in
 * 2 bits each, rounded up), so a declared size above this ratio is a lie we refuse before inflating.
 */
export const MAX_DEFLATE_RATIO = 1032;

/** Largest single output chunk; bigger variables are assembled from several chunks. */
const MAX_CHUNK = 64 * 1024 * 1024;

/** Slack above the declared size: a stream may hold a few padding bytes after its element. */
export const INFLATE_SLACK = 64;

function zlibError(ctx: ErrorContext, e: unknown, cap?: number): Error {
  if (e instanceof RangeError && cap !== undefined) {
    return formatError(ctx, `compressed data inflates to more than the ${cap - INFLATE_SLACK} bytes its element declares`);
  }
  const message = e instanceof Error ? e.message : String(e);
  return formatError(ctx, `zlib stream is corrupt (${message})`);
}

/** Inflate as much as the first bytes of a stream yield; never throws for a merely cut-off stream. */
export function inflatePrefix(stream: Uint8Array, ctx: ErrorContext): Uint8Array {
  try {
    return inflateSync(stream, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    throw zlibError(ctx, e);
  }
}

/** Inflate a whole stream whose inner element declares `declaredBytes` bytes (tag included). */
export function inflateAll(stream: Uint8Array, declaredBytes: number, ctx: ErrorContext): Uint8Array {
  const cap = declaredBytes + INFLATE_SLACK;
  // One chunk larger than the output avoids zlib's chunk list and the final concatenation copy.
  const chunkSize = Math.max(64, Math.min(cap + 1, MAX_CHUNK));
  try {
    return inflateSync(stream, { maxOutputLength: cap, chunkSize });
  } catch (e) {
    throw zlibError(ctx, e, cap);
  }
}
