// MATLAB MAT-files: public API.
//
//   openMat(path): Promise<MatFile>              level 5 (v6/v7, lazily indexed) or v7.3 (HDF5)
//   Mat5File.fromBytes(bytes, nameForErrors)     level 5 from memory
//   file.names() / has(name) / info(name) / read(name) / close()
//   readNumeric(file, name, expectDims?)         real numeric variable as Float64Array, dims checked
//   toRowMajor(data, dims, order)                column-major -> row-major with chosen axis order
//   writeMat(path, vars, { compress, level })    atomic write; encodeMat(...) returns the bytes
//   matNumeric / matLogical / matChar / matCell / matStruct   build values to write
//
// Values keep MATLAB's column-major order and MATLAB's dims. Every failure is a StrnnError whose
// message names the file, the variable and what was expected versus found.

export type {
  MatCell, MatChar, MatClass, MatFile, MatLogical, MatNumeric, MatNumericArray, MatNumericArrays,
  MatNumericClass, MatStruct, MatStructElement, MatValue, MatVarInfo,
} from './types.js';
export { openMat } from './open.js';
export { Mat5File, parseMatHeader, type MatHeader } from './reader.js';
export { readNumeric, toRowMajor, type DimPattern } from './layout.js';
export { encodeMat, writeMat, type WriteMatOptions } from './writer.js';
export { matCell, matChar, matLogical, matNumeric, matStruct, numericClassOf } from './values.js';
