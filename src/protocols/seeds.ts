// Seeds derived from names: a unit's seed comes from the run seed and the unit's identity (never
// from which worker runs it or in which order), so runs are reproducible and parallel runs equal
// sequential ones. FNV-1a over the UTF-16 code units, then a splitmix-style finaliser.

/** A 31-bit seed from any list of parts. */
export function deriveSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0001');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 1;
}
