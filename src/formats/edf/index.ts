// EDF / EDF+ / BDF / BDF+ reading and writing: the public names of this folder.
export { readEdf, parseEdf, isAnnotationLabel } from './read-edf.js';
export { writeEdf, encodeEdf, type EdfWriteInput, type EdfSignalInput } from './write-edf.js';
export type { EdfFile, EdfHeader, EdfSignal, EdfAnnotation, EdfFormat, EdfPlus } from './types.js';
