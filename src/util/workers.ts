// How many worker threads to start: never more than the units of work there are, nor more than the
// machine's cores. Each worker holds its own model, backend and copy of the code (tens of MB), so
// `--jobs 64` on three tasks or on a 2-core machine only costs memory and start-up time.
import { availableParallelism } from 'node:os';

/** min(requested, work, cores), and at least 1. */
export function cappedWorkers(requested: number, work: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(requested, work, cores));
}
