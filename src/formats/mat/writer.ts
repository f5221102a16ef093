// MAT-file level 5 writer: numeric N-D (real or complex), logical, char, struct and cell arrays, each
// variable optionally zlib-compressed (miCOMPRESSED, as MATLAB's default -v7). Bytes go out in the
// host's order with the matching endian indicator, so typed arrays are copied without swapping.
// Sizes are computed first and every variable is encoded into one exact buffer.
//
// Element layout written (see decode.ts): tag | flags | dims | name | class data, each sub-element
// padded to 8 bytes; payloads of 1..4 bytes use the small-element form, as MATLAB does.

import { deflateSync } from 'node:zlib';
import { StrnnError } from '../../util/errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import {
  FLAG_COMPLEX, FLAG_LOGICAL, HEADER_BYTES, HOST_LITTLE_ENDIAN, MI_COMPRESSED, MI_INT32, MI_INT8, MI_MATRIX, MI_UINT16, MI_UINT32,
  MI_UINT8, MX_CELL, MX_CHAR, MX_STRUCT, MX_UINT8, NUMERIC_CLASSES, VERSION_5, padded,
} from './tags.js';
import { numericClassOf } from './values.js';
import type { MatValue } from './types.js';

export interface WriteMatOptions {
  /** zlib-compress each variable (default true, like MATLAB's -v7). */
  readonly compress?: boolean;
  /** zlib level 1..9 when compressing (default 6). */
  readonly level?: number;
  /**
   * Descriptive text of the 128-byte header (at most 116 characters; default: platform and creation
   * time). A fixed text makes the bytes reproducible: the same variables give the same file.
   */
  readonly headerText?: string;
}

/** MATLAB's namelengthmax is 63; names are identifiers. */
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

function inputError(path: string, message: string): StrnnError {
  return new StrnnError('INPUT', `${path}: ${message}`);
}

/** Bytes an element with an `n`-byte payload occupies, tag and padding included. */
function elementBytes(n: number): number {
  return n > 0 && n <= 4 ? 8 : 8 + padded(n);
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Check a value's internal consistency (dims vs data, field lists); `path` names it in messages. */
function validate(v: MatValue, path: string, depth: number): void {
  if (depth > 64) throw inputError(path, 'cells and structs nest deeper than 64 levels');
  const dims = v.dims;
  if (dims.length < 2 || dims.some((d) => !Number.isInteger(d) || d < 0 || d > 0x7fffffff)) {
    throw inputError(path, `dims must be at least two integers in 0..2^31-1, found [${dims.join(', ')}]`);
  }
  const numel = product(dims);
  const check = (what: string, n: number): void => {
    if (n !== numel) throw inputError(path, `dims ${dims.join('x')} hold ${numel} elements, ${what} has ${n}`);
  };
  switch (v.kind) {
    case 'numeric': {
      if (numericClassOf(v.real) !== v.class) throw inputError(path, `class ${v.class} does not match its ${numericClassOf(v.real)} data`);
      check('real part', v.real.length);
      if (v.imag !== undefined) {
        if (numericClassOf(v.imag) !== v.class) throw inputError(path, `imaginary part is not ${v.class}`);
        check('imaginary part', v.imag.length);
      }
      return;
    }
    case 'logical':
      check('data', v.data.length);
      return;
    case 'char': {
      const nrows = dims[0]!;
      if (v.rows.length !== nrows) throw inputError(path, `dims ${dims.join('x')} need ${nrows} rows, found ${v.rows.length}`);
      const width = nrows === 0 ? 0 : numel / nrows;
      const bad = v.rows.findIndex((r) => r.length !== width);
      if (bad >= 0) throw inputError(path, `row ${bad + 1} has ${v.rows[bad]!.length} characters, dims need ${width}`);
      return;
    }
    case 'cell':
      check('cell list', v.cells.length);
      v.cells.forEach((c, i) => validate(c, `${path}{${i + 1}}`, depth + 1));
      return;
    case 'struct': {
      check('element list', v.elements.length);
      for (const f of v.fieldNames) if (!NAME_PATTERN.test(f)) throw inputError(path, `field name "${f}" is not a MATLAB identifier of at most 63 characters`);
      if (new Set(v.fieldNames).size !== v.fieldNames.length) throw inputError(path, 'field names repeat');
      v.elements.forEach((el, i) => {
        const at = numel === 1 ? path : `${path}(${i + 1})`;
        for (const f of v.fieldNames) {
          const child = el[f];
          if (child === undefined) throw inputError(at, `field "${f}" is missing`);
          validate(child, `${at}.${f}`, depth + 1);
        }
      });
      return;
    }
  }
}

/** Payload size of a matrix element (everything after its 8-byte tag). */
function matrixBody(v: MatValue, name: string): number {
  let n = 16 + elementBytes(4 * v.dims.length) + elementBytes(name.length);
  switch (v.kind) {
    case 'numeric': {
      const bytes = v.real.byteLength;
      n += elementBytes(bytes) * (v.imag === undefined ? 1 : 2);
      break;
    }
    case 'logical':
      n += elementBytes(v.data.length);
      break;
    case 'char':
      n += elementBytes(2 * product(v.dims));
      break;
    case 'cell':
      for (const c of v.cells) n += 8 + matrixBody(c, '');
      break;
    case 'struct':
      n += 8 + elementBytes(v.fieldNames.length * fieldWidth(v.fieldNames));
      for (const el of v.elements) for (const f of v.fieldNames) n += 8 + matrixBody(el[f]!, '');
      break;
  }
  return n;
}

/** Fixed field-name width: longest name plus its NUL, at least 32 like MATLAB, at most 64. */
function fieldWidth(names: readonly string[]): number {
  return Math.max(32, ...names.map((f) => f.length + 1));
}

class ByteWriter {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  pos = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u32(v: number): void {
    this.view.setUint32(this.pos, v, HOST_LITTLE_ENDIAN);
    this.pos += 4;
  }

  /** One element: small form for 1..4 bytes, else full tag; payload padded to 8. */
  element(type: number, payload: Uint8Array): void {
    const n = payload.length;
    if (n > 0 && n <= 4) {
      this.u32(((n << 16) | type) >>> 0);
      this.bytes.set(payload, this.pos);
      this.pos += 4;
      return;
    }
    this.u32(type);
    this.u32(n);
    this.bytes.set(payload, this.pos);
    this.pos += padded(n);
  }

  matrix(v: MatValue, name: string): void {
    this.u32(MI_MATRIX);
    this.u32(matrixBody(v, name));
    let mx: number;
    let flags = 0;
    if (v.kind === 'numeric') {
      mx = NUMERIC_CLASSES[v.class].mx;
      if (v.imag !== undefined) flags |= FLAG_COMPLEX;
    } else if (v.kind === 'logical') {
      mx = MX_UINT8;
      flags |= FLAG_LOGICAL;
    } else {
      mx = v.kind === 'char' ? MX_CHAR : v.kind === 'cell' ? MX_CELL : MX_STRUCT;
    }
    this.u32(MI_UINT32);
    this.u32(8);
    this.u32(mx | flags);
    this.u32(0);
    this.element(MI_INT32, bytesOf(Int32Array.from(v.dims)));
    this.element(MI_INT8, latin1(name));
    switch (v.kind) {
      case 'numeric': {
        const mi = NUMERIC_CLASSES[v.class].mi;
        this.element(mi, bytesOf(v.real));
        if (v.imag !== undefined) this.element(mi, bytesOf(v.imag));
        return;
      }
      case 'logical':
        this.element(MI_UINT8, v.data);
        return;
      case 'char':
        this.element(MI_UINT16, bytesOf(charUnits(v.rows, v.dims)));
        return;
      case 'cell':
        for (const c of v.cells) this.matrix(c, '');
        return;
      case 'struct': {
        const width = fieldWidth(v.fieldNames);
        this.element(MI_INT32, bytesOf(Int32Array.of(width)));
        const names = new Uint8Array(width * v.fieldNames.length);
        v.fieldNames.forEach((f, i) => names.set(latin1(f), i * width));
        this.element(MI_INT8, names);
        for (const el of v.elements) for (const f of v.fieldNames) this.matrix(el[f]!, '');
        return;
      }
    }
  }
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);
}

/** Rows -> column-major UTF-16 code units. */
function charUnits(rows: readonly string[], dims: readonly number[]): Uint16Array {
  const nrows = dims[0]!;
  const units = new Uint16Array(product(dims));
  rows.forEach((r, i) => {
    for (let j = 0; j < r.length; j++) units[i + nrows * j] = r.charCodeAt(j);
  });
  return units;
}

function header(headerText?: string): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES);
  const text = headerText ?? `MATLAB 5.0 MAT-file, Platform: ${process.platform}, Created on: ${new Date().toUTCString()} by strnn`;
  out.set(latin1(text.slice(0, 116).padEnd(116, ' ')));
  // Bytes 116..123: subsystem data offset, none.
  new DataView(out.buffer).setUint16(124, VERSION_5, HOST_LITTLE_ENDIAN);
  out.set(latin1(HOST_LITTLE_ENDIAN ? 'IM' : 'MI'), 126);
  return out;
}

/** Encode variables (name -> value, in insertion order) as a level-5 MAT-file. */
export function encodeMat(vars: Readonly<Record<string, MatValue>>, options: WriteMatOptions = {}): Uint8Array {
  const compress = options.compress ?? true;
  const level = options.level ?? 6;
  const parts: Uint8Array[] = [header(options.headerText)];
  for (const [name, value] of Object.entries(vars)) {
    if (!NAME_PATTERN.test(name)) throw inputError(name, 'variable name is not a MATLAB identifier of at most 63 characters');
    validate(value, name, 0);
    const body = matrixBody(value, name);
    if (body > 0xffffffff - 8) throw inputError(name, `takes ${body} bytes; a level-5 element holds at most 2^32-1`);
    const w = new ByteWriter(8 + body);
    w.matrix(value, name);
    if (!compress) {
      parts.push(w.bytes);
      continue;
    }
    const stream = deflateSync(w.bytes, { level });
    const tag = new ByteWriter(8);
    tag.u32(MI_COMPRESSED);
    tag.u32(stream.length);
    parts.push(tag.bytes, stream);
  }
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Write a level-5 MAT-file atomically (temp file + rename). */
export function writeMat(path: string, vars: Readonly<Record<string, MatValue>>, options: WriteMatOptions = {}): void {
  writeFileAtomic(path, encodeMat(vars, options));
}
