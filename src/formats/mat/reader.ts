// MATLAB MAT-file level 5 (v6/v7) reader with a lazy index.
//
// Why by hand: the only npm MAT reader lays out 3-D arrays in the wrong axis order and is GPL, and
// the format is small (MathWorks, "MAT-File Format", R2018+). Everything we need is here: numeric
// classes (int64/uint64 as BigInt arrays), logical, complex, char (UTF-16, UTF-8, multi-row), struct
// and cell arrays, zlib-compressed variables, narrow storage types, both byte orders, empty arrays.
// Sparse and object arrays are indexed but refused with UNSUPPORTED when read.
//
// File layout:
//   header   128 bytes: text[116] | subsystem offset[8] | version u16 = 0x0100 | endian "IM" or "MI"
//   elements tag (u32 type, u32 nbytes) + data padded to 8 bytes; top level: one per variable,
//            miMATRIX (14) or miCOMPRESSED (15: a zlib stream, unpadded, inflating to one miMATRIX)
//
// Opening walks the top-level tags only. For a compressed variable it inflates just a prefix of the
// stream, enough for name, class and dims; `read(name)` inflates that one variable. The file's bytes
// stay in memory (compressed), decoded arrays are not cached.

import { StrnnError } from '../../util/errors.js';
import {
  HEADER_BYTES, MI_COMPRESSED, MI_MATRIX, VERSION_5, VERSION_73,
} from './tags.js';
import { Cursor, TruncatedError, formatError, type ErrorContext } from './elements.js';
import { MAX_DEFLATE_RATIO, inflateAll, inflatePrefix } from './inflate.js';
import { parseMatrix, parseMatrixHeader, type MatrixHeader } from './decode.js';
import type { MatFile, MatValue, MatVarInfo } from './types.js';

/** The parsed 128-byte header. */
export interface MatHeader {
  /** Descriptive text, trailing spaces and NULs removed. */
  readonly text: string;
  /** 0x0100 for level 5, 0x0200 for v7.3 (HDF5). */
  readonly version: number;
  readonly littleEndian: boolean;
}

/** Parse the header; `file` names the file in error messages. */
export function parseMatHeader(bytes: Uint8Array, file: string): MatHeader {
  if (bytes.length < HEADER_BYTES) {
    throw new StrnnError('FORMAT', `${file}: file is ${bytes.length} bytes, a MAT-file header needs ${HEADER_BYTES}`);
  }
  const endian = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (endian !== 'IM' && endian !== 'MI') {
    throw new StrnnError(
      'FORMAT',
      `${file}: expected endian indicator "IM" or "MI" at byte 126, found bytes ${bytes[126]} ${bytes[127]}`,
      'not a level-5 MAT-file (MATLAB v4 files have no header and are not supported)',
    );
  }
  const littleEndian = endian === 'IM';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(124, littleEndian);
  if (version !== VERSION_5 && version !== VERSION_73) {
    throw new StrnnError('FORMAT', `${file}: expected MAT-file version 0x0100 or 0x0200 at byte 124, found 0x${version.toString(16).padStart(4, '0')}`);
  }
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 116)).replace(/[\s\0]+$/, '');
  return { text, version, littleEndian };
}

/** One top-level variable as the index knows it. */
interface Entry {
  readonly header: MatrixHeader;
  readonly compressed: boolean;
  /** First data byte of the top-level element and its byte count. */
  readonly start: number;
  readonly nbytes: number;
  /** For compressed variables: inflated size of the inner miMATRIX element, tag included. */
  readonly inflatedBytes: number;
}

/** First compressed bytes inflated for the index; grown 4x while the header is still cut off. */
const PREFIX_BYTES = 128;

export class Mat5File implements MatFile {
  readonly version = 5;

  private constructor(
    readonly path: string,
    readonly header: MatHeader,
    private readonly bytes: Uint8Array,
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  /** Index a level-5 MAT-file held in memory; `nameForErrors` is used in messages. */
  static fromBytes(bytes: Uint8Array, nameForErrors: string): Mat5File {
    const header = parseMatHeader(bytes, nameForErrors);
    if (header.version === VERSION_73) {
      throw new StrnnError('UNSUPPORTED', `${nameForErrors}: v7.3 (HDF5) MAT-file cannot be read from memory`, 'use openMat(path)');
    }
    const entries = indexElements(bytes, nameForErrors, header.littleEndian);
    return new Mat5File(nameForErrors, header, bytes, entries);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  info(name: string): MatVarInfo {
    const h = this.entry(name).header;
    return { class: h.class, dims: [...h.dims], complex: h.complex };
  }

  read(name: string): MatValue {
    const e = this.entry(name);
    const ctx: ErrorContext = { file: this.path, variable: name };
    try {
      if (e.compressed) {
        const out = inflateAll(this.bytes.subarray(e.start, e.start + e.nbytes), e.inflatedBytes, ctx);
        if (out.length < e.inflatedBytes) {
          throw formatError(ctx, `compressed data inflates to ${out.length} bytes but its element declares ${e.inflatedBytes}`);
        }
        return parseMatrix(new Cursor(out, 8, e.inflatedBytes, this.header.littleEndian, ctx), e.inflatedBytes, 0, true);
      }
      const limit = e.start + e.nbytes;
      return parseMatrix(new Cursor(this.bytes, e.start, limit, this.header.littleEndian, ctx), limit, 0, false);
    } catch (err) {
      if (err instanceof StrnnError) throw err;
      // Safety net: any engine error escaping the checks above still names the file and variable.
      throw formatError(ctx, `cannot decode (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  close(): void {}

  private entry(name: string): Entry {
    const e = this.entries.get(name);
    if (e === undefined) throw notFound(this.path, name, this.names());
    return e;
  }
}

export function notFound(file: string, name: string, names: readonly string[]): StrnnError {
  const list = names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, ... (${names.length} in all)`;
  return new StrnnError('NOT_FOUND', `${file}: no variable "${name}" (variables: ${list || 'none'})`);
}

/** Walk the top-level tags and read each variable's header. */
function indexElements(bytes: Uint8Array, file: string, le: boolean): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const c = new Cursor(bytes, HEADER_BYTES, bytes.length, le, { file });
  for (let ordinal = 1; c.pos < bytes.length; ordinal++) {
    const at = c.pos;
    let ctx: ErrorContext = { file, element: `variable #${ordinal}` };
    if (bytes.length - at >= 8 && c.u32At(at) === MI_MATRIX && c.u32At(at + 4) > bytes.length - at - 8) {
      // Truncated or lying size: name the variable if its header is readable, then refuse.
      ctx = peekName(bytes, at + 8, le, ctx);
    }
    c.ctx = ctx;
    const tag = c.tag(bytes.length, 'element');
    let entry: Entry;
    if (tag.type === MI_MATRIX) {
      const limit = tag.start + tag.nbytes;
      const header = parseMatrixHeader(new Cursor(bytes, tag.start, limit, le, ctx), limit);
      entry = { header, compressed: false, start: tag.start, nbytes: tag.nbytes, inflatedBytes: 0 };
    } else if (tag.type === MI_COMPRESSED) {
      c.pos = tag.start + tag.nbytes; // compressed elements are not padded
      const stream = bytes.subarray(tag.start, tag.start + tag.nbytes);
      const { header, inflatedBytes } = indexCompressed(stream, le, ctx);
      entry = { header, compressed: true, start: tag.start, nbytes: tag.nbytes, inflatedBytes };
    } else {
      throw formatError(ctx, `expected miMATRIX (14) or miCOMPRESSED (15), found type ${tag.type}`);
    }
    const name = entry.header.name;
    // Unnamed top-level elements hold MATLAB's subsystem data (function workspaces, objects).
    if (name === '') continue;
    if (entries.has(name)) throw formatError({ file, variable: name }, `appears twice (second copy at byte ${at})`);
    entries.set(name, entry);
  }
  return entries;
}

/** Context naming the variable whose uncompressed header starts at `start`, if it parses. */
function peekName(bytes: Uint8Array, start: number, le: boolean, ctx: ErrorContext): ErrorContext {
  try {
    const name = parseMatrixHeader(new Cursor(bytes, start, bytes.length, le, ctx), bytes.length).name;
    return name === '' ? ctx : { file: ctx.file, variable: name };
  } catch {
    return ctx;
  }
}

/** Inflate growing prefixes of a compressed variable until its header parses. */
function indexCompressed(stream: Uint8Array, le: boolean, ctx: ErrorContext): { header: MatrixHeader; inflatedBytes: number } {
  for (let take = Math.min(stream.length, PREFIX_BYTES); ; take = Math.min(stream.length, take * 4)) {
    const out = inflatePrefix(stream.subarray(0, take), ctx);
    const c = new Cursor(out, 0, out.length, le, ctx);
    try {
      const type = c.u32At(0);
      if (type !== MI_MATRIX) throw formatError(ctx, `compressed data holds element type ${type}, expected miMATRIX (14)`);
      const inflatedBytes = 8 + c.u32At(4);
      if (inflatedBytes > stream.length * MAX_DEFLATE_RATIO + 1024) {
        throw formatError(ctx, `compressed element of ${stream.length} bytes claims to inflate to ${inflatedBytes} bytes`);
      }
      c.pos = 8;
      const header = parseMatrixHeader(c, inflatedBytes);
      return { header, inflatedBytes };
    } catch (e) {
      if (!(e instanceof TruncatedError)) throw e;
      if (take === stream.length) {
        throw formatError(ctx, `compressed stream of ${stream.length} bytes ends after ${out.length} inflated bytes, inside the array header`);
      }
    }
  }
}
