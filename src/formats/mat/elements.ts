// Bounds-checked reading of level-5 data elements: a cursor over bytes in the file's byte order, the
// tag decoder (full 8-byte tags and the 4-byte "small data element" form) and the error builders that
// put the file, the variable and the element path into every message.

import { StrnnError } from '../../util/errors.js';
import { ALIGN, padded } from './tags.js';

/** Where we are, for messages: `x.mat: variable "s" at s.a{2}: ...`. */
export interface ErrorContext {
  readonly file: string;
  /** Variable name once known. */
  readonly variable?: string;
  /** Element path inside the variable (`s(2).a{3}`), when below the top level. */
  readonly path?: string;
  /** Fallback when the name is not known yet, e.g. `element #3 at byte 1208`. */
  readonly element?: string;
}

export function where(ctx: ErrorContext): string {
  let s = ctx.file;
  if (ctx.variable !== undefined) {
    s += `: variable "${ctx.variable}"`;
    const path = ctx.path;
    if (path !== undefined && path !== ctx.variable) {
      // Deeply nested paths are shortened to their two ends.
      s += ` at ${path.length > 80 ? `${path.slice(0, 36)}...${path.slice(-36)}` : path}`;
    }
  } else if (ctx.element !== undefined) {
    s += `: ${ctx.element}`;
  }
  return s;
}

export function formatError(ctx: ErrorContext, message: string): StrnnError {
  return new StrnnError('FORMAT', `${where(ctx)}: ${message}`);
}

export function unsupportedError(ctx: ErrorContext, message: string, hint?: string): StrnnError {
  return new StrnnError('UNSUPPORTED', `${where(ctx)}: ${message}`, hint);
}

/**
 * Raised when bytes run out before the declared end of an element. The lazy index catches it while
 * parsing a header from a partly inflated prefix and retries with a longer prefix; everywhere else
 * it reaches the caller as an ordinary FORMAT error.
 */
export class TruncatedError extends StrnnError {
  constructor(ctx: ErrorContext, message: string) {
    super('FORMAT', `${where(ctx)}: ${message}`);
  }
}

/** A decoded tag: data occupies [start, start + nbytes); the next element begins at `next`. */
export interface Tag {
  readonly type: number;
  readonly nbytes: number;
  readonly start: number;
  readonly next: number;
}

export class Cursor {
  readonly view: DataView;

  /**
   * @param bytes whole buffer; offsets are absolute within it
   * @param end   bytes present (reads past it throw TruncatedError)
   * @param le    true for little-endian ("IM") files
   */
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
    readonly le: boolean,
    public ctx: ErrorContext,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throw unless `n` bytes are present at `at`. */
  need(at: number, n: number): void {
    if (at + n > this.end) {
      throw new TruncatedError(this.ctx, `data ends at byte ${this.end}, needed ${n} bytes at byte ${at}`);
    }
  }

  u32At(at: number): number {
    this.need(at, 4);
    return this.view.getUint32(at, this.le);
  }

  i32At(at: number): number {
    this.need(at, 4);
    return this.view.getInt32(at, this.le);
  }

  /**
   * Read the tag at `pos` and move past the whole element. `limit` is the declared end of the
   * enclosing element: an element claiming more bytes than remain before it is a FORMAT error.
   */
  tag(limit: number, what: string): Tag {
    const at = this.pos;
    if (limit - at < 8) {
      throw formatError(this.ctx, `expected ${what} at byte ${at}, but only ${Math.max(0, limit - at)} bytes remain`);
    }
    const word = this.u32At(at);
    let tag: Tag;
    if (word >>> 16 !== 0) {
      // Small element: nbytes (1..4) in the high half, type in the low half, data in the next 4 bytes.
      const nbytes = word >>> 16;
      if (nbytes > 4) {
        throw formatError(this.ctx, `${what} at byte ${at} is a small element claiming ${nbytes} bytes, at most 4 fit`);
      }
      tag = { type: word & 0xffff, nbytes, start: at + 4, next: at + ALIGN };
    } else {
      const nbytes = this.u32At(at + 4);
      const start = at + 8;
      if (nbytes > limit - start) {
        throw formatError(this.ctx, `${what} at byte ${at} claims ${nbytes} bytes but only ${limit - start} remain`);
      }
      // The last element of a stream may lack its padding.
      tag = { type: word, nbytes, start, next: Math.min(start + padded(nbytes), limit) };
    }
    this.pos = tag.next;
    return tag;
  }
}
