// Decoding one miMATRIX element: the header (flags, dims, name) that the lazy index reads, and the
// full value by class. Layout of a matrix element's data, after its 8-byte tag:
//   array flags  miUINT32 x2   word 0: class (byte 0) | complex 0x800 | global 0x400 | logical 0x200
//   dims         miINT32 xN    column-major, N >= 2
//   name         miINT8        empty for cells and struct fields
//   then by class: numeric -> real [imag]; char -> code units; cell -> numel matrices;
//   struct -> field-name length (miINT32), names (miINT8, fixed width, NUL-padded), numel*nfields matrices
//   (fields vary fastest).

import {
  FLAG_COMPLEX, FLAG_LOGICAL, HOST_LITTLE_ENDIAN, MI_INT32, MI_INT8, MI_MATRIX, MI_NUMERIC, MI_UINT16, MI_UINT32, MI_UINT8,
  MI_UTF16, MI_UTF32, MI_UTF8, MX_NAMES, NUMERIC_CLASSES, isNumericClass,
} from './tags.js';
import { Cursor, formatError, unsupportedError, type ErrorContext } from './elements.js';
import type {
  MatCell, MatChar, MatClass, MatNumericArray, MatNumericClass, MatStruct, MatStructElement, MatValue,
} from './types.js';

/** Cells and structs nest; deeper than this is treated as a hostile file rather than recursed into. */
export const MAX_DEPTH = 64;

export interface MatrixHeader {
  readonly class: MatClass;
  readonly complex: boolean;
  readonly dims: number[];
  readonly numel: number;
  readonly name: string;
}

export function dimsText(dims: readonly number[]): string {
  return dims.join('x');
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Read flags, dims and name; leaves the cursor at the class-specific data. */
export function parseMatrixHeader(c: Cursor, limit: number): MatrixHeader {
  const flagsTag = c.tag(limit, 'array flags');
  if (flagsTag.type !== MI_UINT32 || flagsTag.nbytes !== 8) {
    throw formatError(c.ctx, `expected array flags (miUINT32, 8 bytes), found type ${flagsTag.type} with ${flagsTag.nbytes} bytes`);
  }
  const flags = c.u32At(flagsTag.start);
  const mx = flags & 0xff;
  const mxName = MX_NAMES.get(mx);
  if (mxName === undefined) throw formatError(c.ctx, `unknown array class ${mx}`);
  const complex = (flags & FLAG_COMPLEX) !== 0;
  const cls: MatClass = (flags & FLAG_LOGICAL) !== 0 && isNumericClass(mxName) ? 'logical' : mxName;

  const dimsTag = c.tag(limit, 'dimensions');
  if (dimsTag.type !== MI_INT32 || dimsTag.nbytes % 4 !== 0 || dimsTag.nbytes === 0) {
    throw formatError(c.ctx, `expected dimensions (miINT32, a multiple of 4 bytes), found type ${dimsTag.type} with ${dimsTag.nbytes} bytes`);
  }
  const dims: number[] = [];
  for (let k = 0; k < dimsTag.nbytes / 4; k++) {
    const d = c.i32At(dimsTag.start + 4 * k);
    if (d < 0) throw formatError(c.ctx, `dimension ${k + 1} is negative (${d})`);
    dims.push(d);
  }
  if (dims.length === 1) dims.push(1);
  const numel = dims.reduce((a, b) => a * b, 1);

  const nameTag = c.tag(limit, 'array name');
  if (nameTag.type !== MI_INT8 && nameTag.type !== MI_UINT8 && nameTag.type !== MI_UTF8) {
    throw formatError(c.ctx, `expected array name (miINT8), found type ${nameTag.type}`);
  }
  c.need(nameTag.start, nameTag.nbytes);
  const nameBytes = c.bytes.subarray(nameTag.start, nameTag.start + nameTag.nbytes);
  const name = (nameTag.type === MI_UTF8 ? decodeUtf8(c.ctx, nameBytes) : latin1.decode(nameBytes)).replace(/\0+$/, '');

  // Every element of a numeric, logical or char array takes at least one byte, and every cell at
  // least an 8-byte tag: refuse dims the element cannot hold before anything is allocated.
  const minBytes = cls === 'cell' ? 8 : isNumericClass(cls) || cls === 'logical' || cls === 'char' ? 1 : 0;
  const remain = limit - c.pos;
  if (numel * minBytes > remain) {
    throw formatError(
      { ...c.ctx, variable: c.ctx.variable ?? name },
      `dims ${dimsText(dims)} (${numel} elements of ${cls}) need at least ${numel * minBytes} bytes but the element holds ${remain}`,
    );
  }
  return { class: cls, complex, dims, numel, name };
}

function decodeUtf8(ctx: ErrorContext, bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw formatError(ctx, 'invalid UTF-8 text');
  }
}

/** Decode a whole matrix element whose data (after its tag) spans [c.pos, limit). */
export function parseMatrix(c: Cursor, limit: number, depth: number, ownsBytes: boolean): MatValue {
  if (depth > MAX_DEPTH) throw formatError(c.ctx, `cells and structs nest deeper than ${MAX_DEPTH} levels`);
  const h = parseMatrixHeader(c, limit);
  switch (h.class) {
    case 'cell':
      return parseCell(c, limit, h, depth, ownsBytes);
    case 'struct':
      return parseStruct(c, limit, h, depth, ownsBytes);
    case 'char':
      return parseChar(c, limit, h);
    case 'logical': {
      const raw = readNumericData(c, limit, 'uint8', h, 'logical data', ownsBytes);
      // MATLAB logicals are 0/1; normalise anything else a foreign writer may have stored.
      const data = raw instanceof Uint8Array ? raw : new Uint8Array(h.numel);
      for (let i = 0; i < h.numel; i++) data[i] = Number(raw[i]) !== 0 ? 1 : 0;
      return { kind: 'logical', dims: h.dims, data };
    }
    case 'sparse':
      throw unsupportedError(c.ctx, 'sparse arrays are not supported', 'save it with full(x) in MATLAB');
    case 'object':
    case 'function_handle':
    case 'opaque':
      throw unsupportedError(c.ctx, `class ${h.class} is not supported`, 'save plain numeric arrays, structs or cells');
    default: {
      const real = readNumericData(c, limit, h.class, h, 'real part', ownsBytes);
      if (!h.complex) return { kind: 'numeric', class: h.class, dims: h.dims, real };
      const imag = readNumericData(c, limit, h.class, h, 'imaginary part', ownsBytes);
      return { kind: 'numeric', class: h.class, dims: h.dims, real, imag };
    }
  }
}

/** Sub-elements of cells and structs: a MATRIX tag, possibly with 0 bytes for an empty double. */
function parseChild(c: Cursor, limit: number, depth: number, ownsBytes: boolean, path: string): MatValue {
  const outer = c.ctx;
  const tag = c.tag(limit, `element ${path}`);
  if (tag.type !== MI_MATRIX) throw formatError(outer, `element ${path}: expected miMATRIX (14), found type ${tag.type}`);
  if (tag.nbytes === 0) return { kind: 'numeric', class: 'double', dims: [0, 0], real: new Float64Array(0) };
  const next = c.pos;
  c.pos = tag.start;
  c.ctx = { ...outer, path };
  const value = parseMatrix(c, tag.start + tag.nbytes, depth + 1, ownsBytes);
  c.ctx = outer;
  c.pos = next;
  return value;
}

function pathOf(c: Cursor): string {
  return c.ctx.path ?? c.ctx.variable ?? '';
}

function parseCell(c: Cursor, limit: number, h: MatrixHeader, depth: number, ownsBytes: boolean): MatCell {
  const base = pathOf(c);
  const cells: MatValue[] = [];
  for (let i = 0; i < h.numel; i++) cells.push(parseChild(c, limit, depth, ownsBytes, `${base}{${i + 1}}`));
  return { kind: 'cell', dims: h.dims, cells };
}

function parseStruct(c: Cursor, limit: number, h: MatrixHeader, depth: number, ownsBytes: boolean): MatStruct {
  const lenTag = c.tag(limit, 'field-name length');
  if (lenTag.type !== MI_INT32 || lenTag.nbytes !== 4) {
    throw formatError(c.ctx, `expected field-name length (miINT32, 4 bytes), found type ${lenTag.type} with ${lenTag.nbytes} bytes`);
  }
  const width = c.i32At(lenTag.start);
  const namesTag = c.tag(limit, 'field names');
  if (namesTag.type !== MI_INT8 && namesTag.type !== MI_UINT8) {
    throw formatError(c.ctx, `expected field names (miINT8), found type ${namesTag.type}`);
  }
  if (width <= 0 ? namesTag.nbytes !== 0 : namesTag.nbytes % width !== 0) {
    throw formatError(c.ctx, `field names take ${namesTag.nbytes} bytes, not a multiple of the field-name length ${width}`);
  }
  const nfields = width > 0 ? namesTag.nbytes / width : 0;
  const fieldNames: string[] = [];
  for (let f = 0; f < nfields; f++) {
    const at = namesTag.start + f * width;
    const raw = c.bytes.subarray(at, at + width);
    const nul = raw.indexOf(0);
    const name = latin1.decode(nul < 0 ? raw : raw.subarray(0, nul));
    if (name === '' || fieldNames.includes(name)) throw formatError(c.ctx, `field name ${f + 1} is empty or repeated ("${name}")`);
    fieldNames.push(name);
  }
  const remain = limit - c.pos;
  if (h.numel * nfields * 8 > remain) {
    throw formatError(c.ctx, `struct ${dimsText(h.dims)} with ${nfields} fields needs ${h.numel * nfields} elements of at least 8 bytes but ${remain} bytes remain`);
  }
  const base = pathOf(c);
  const elements: MatStructElement[] = [];
  for (let i = 0; i < h.numel; i++) {
    const element: MatStructElement = Object.create(null) as MatStructElement;
    const prefix = h.numel === 1 ? base : `${base}(${i + 1})`;
    for (const f of fieldNames) element[f] = parseChild(c, limit, depth, ownsBytes, `${prefix}.${f}`);
    elements.push(element);
  }
  return { kind: 'struct', dims: h.dims, fieldNames, elements };
}

/** The typed-array constructor of a class, as a function making an empty array of length n. */
function allocate(cls: MatNumericClass, n: number): MatNumericArray {
  return new NUMERIC_CLASSES[cls].array(n);
}

/**
 * Read a numeric data element and convert it to `cls`. MATLAB stores integer-valued doubles in the
 * narrowest integer type that holds them (e.g. SEED's label.mat: class double, data miINT8), so the
 * stored type and the class may differ; values convert exactly by class.
 */
function readNumericData(
  c: Cursor, limit: number, cls: MatNumericClass, h: MatrixHeader, what: string, ownsBytes: boolean,
): MatNumericArray {
  const tag = c.tag(limit, what);
  const mi = MI_NUMERIC.get(tag.type);
  if (mi === undefined) throw formatError(c.ctx, `${what}: expected a numeric data element, found type ${tag.type}`);
  if (tag.nbytes !== h.numel * mi.bytes) {
    throw formatError(c.ctx, `${what}: dims ${dimsText(h.dims)} need ${h.numel * mi.bytes} bytes of ${mi.name}, found ${tag.nbytes}`);
  }
  c.need(tag.start, tag.nbytes);
  const stored = typedView(c, tag.start, h.numel, tag.type, ownsBytes);
  const target = NUMERIC_CLASSES[cls].array;
  if (stored instanceof target) return stored;
  const out = allocate(cls, h.numel);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    for (let i = 0; i < h.numel; i++) {
      const v = stored[i];
      if (typeof v === 'number' && !Number.isInteger(v)) {
        throw formatError(c.ctx, `${what}: value ${v} stored as ${mi.name} is not an integer, the class is ${cls}`);
      }
      out[i] = BigInt(v);
    }
  } else {
    for (let i = 0; i < h.numel; i++) out[i] = Number(stored[i]);
  }
  return out;
}

/**
 * Typed array over n stored values of mi type `type` at byte `at`, in host byte order.
 * Bytes we own (a freshly inflated buffer) are viewed in place when aligned; file bytes are copied
 * so callers never alias the file buffer.
 */
function typedView(c: Cursor, at: number, n: number, type: number, ownsBytes: boolean): MatNumericArray {
  const mi = MI_NUMERIC.get(type);
  if (mi === undefined) throw formatError(c.ctx, `type ${type} is not numeric`);
  const byteLength = n * mi.bytes;
  const absolute = c.bytes.byteOffset + at;
  if (ownsBytes && c.le === HOST_LITTLE_ENDIAN && absolute % mi.bytes === 0) return new mi.array(c.bytes.buffer as ArrayBuffer, absolute, n);
  const own = new Uint8Array(byteLength);
  own.set(c.bytes.subarray(at, at + byteLength));
  if (c.le !== HOST_LITTLE_ENDIAN && mi.bytes > 1) {
    const b = Buffer.from(own.buffer, 0, byteLength);
    if (mi.bytes === 2) b.swap16();
    else if (mi.bytes === 4) b.swap32();
    else if (mi.bytes === 8) b.swap64();
  }
  return new mi.array(own.buffer, 0, n);
}

function parseChar(c: Cursor, limit: number, h: MatrixHeader): MatChar {
  const tag = c.tag(limit, 'char data');
  c.need(tag.start, tag.nbytes);
  const raw = c.bytes.subarray(tag.start, tag.start + tag.nbytes);
  let units: ArrayLike<number>;
  if (tag.type === MI_UINT16 || tag.type === MI_UTF16) {
    if (tag.nbytes !== 2 * h.numel) {
      throw formatError(c.ctx, `char data: dims ${dimsText(h.dims)} need ${2 * h.numel} bytes of UTF-16, found ${tag.nbytes}`);
    }
    units = typedView(c, tag.start, h.numel, MI_UINT16, false) as Uint16Array;
  } else if (tag.type === MI_INT8 || tag.type === MI_UINT8) {
    units = raw; // one byte per character: Latin-1
  } else if (tag.type === MI_UTF8 || tag.type === MI_UTF32) {
    const text = tag.type === MI_UTF8 ? decodeUtf8(c.ctx, raw) : decodeUtf32(c, tag.start, tag.nbytes);
    const codes = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
    units = codes;
  } else {
    throw formatError(c.ctx, `char data: expected miUINT16 or miUTF8, found type ${tag.type}`);
  }
  if (units.length !== h.numel) {
    throw formatError(c.ctx, `char data: dims ${dimsText(h.dims)} need ${h.numel} characters, found ${units.length}`);
  }
  return { kind: 'char', dims: h.dims, rows: charRows(units, h.dims) };
}

function decodeUtf32(c: Cursor, at: number, nbytes: number): string {
  if (nbytes % 4 !== 0) throw formatError(c.ctx, `char data: ${nbytes} bytes of UTF-32 is not a multiple of 4`);
  let s = '';
  for (let k = 0; k < nbytes; k += 4) {
    const cp = c.u32At(at + k);
    if (cp > 0x10ffff) throw formatError(c.ctx, `char data: invalid code point ${cp}`);
    s += String.fromCodePoint(cp);
  }
  return s;
}

/** Column-major code units -> one string per row (dims[0] rows). */
export function charRows(units: ArrayLike<number>, dims: readonly number[]): string[] {
  const nrows = dims[0] ?? 0;
  if (nrows === 0) return [];
  const ncols = units.length / nrows;
  const rows: string[] = [];
  const row = new Uint16Array(ncols);
  for (let i = 0; i < nrows; i++) {
    for (let j = 0; j < ncols; j++) row[j] = units[i + nrows * j]!;
    let s = '';
    // Chunks keep String.fromCharCode's argument count well below engine limits.
    for (let k = 0; k < ncols; k += 8192) s += String.fromCharCode(...row.subarray(k, Math.min(ncols, k + 8192)));
    rows.push(s);
  }
  return rows;
}
