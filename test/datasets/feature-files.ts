// Reading strnn's SEED-like feature files back in tests.
import { openMat, readNumeric, toRowMajor } from '../../src/formats/mat/index.js';

/** A feature variable (MATLAB dims C x W x B) as row-major W x C x B. */
export async function readFeature(path: string, name: string): Promise<{ data: Float64Array; dims: number[] }> {
  const file = await openMat(path);
  try {
    const { data, dims } = readNumeric(file, name);
    return { data: toRowMajor(data, dims, [1, 0, 2]).data, dims };
  } finally {
    file.close();
  }
}
