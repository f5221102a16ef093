// Public library API of strnn: re-exports only.
export { StrnnError, isStrnnError } from './util/errors.js';
export { Rng } from './util/random.js';
