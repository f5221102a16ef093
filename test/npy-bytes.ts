// Writes .npy files byte by byte with any header, so tests can hand the readers what numpy.save
// writes for dtypes our writer does not produce (int64) and what a damaged or lying file holds.

import { writeFileSync } from 'node:fs';

/** A version 1.0 .npy file with the given header dict text fields and raw data bytes. */
export function writeRawNpy(path: string, descr: string, shapeText: string, data: Uint8Array = new Uint8Array(0)): void {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 11, ' ') + '\n';
  const head = Buffer.alloc(total);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(head, 0);
  head.writeUInt16LE(header.length, 8);
  head.write(header, 10, 'latin1');
  writeFileSync(path, Buffer.concat([head, data]));
}

/** int64 little-endian values as numpy.save writes them (dtype '<i8'). */
export function writeInt64Npy(path: string, values: readonly bigint[]): void {
  writeRawNpy(path, '<i8', `(${values.length},)`, new Uint8Array(BigInt64Array.from(values).buffer));
}
