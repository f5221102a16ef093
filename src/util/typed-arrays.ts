// Joining typed arrays end to end: TCP delivers LSL requests, headers and samples in arbitrary
// pieces, and XDF stores a stream's samples in many chunks.

type Joinable = Uint8Array | Float64Array;

/** The parts one after another in a new array made by `make(total length)`. */
export function concatTyped<T extends Joinable>(parts: readonly T[], make: (length: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return concatTyped(parts, (n) => new Uint8Array(n));
}
