// The reference backend: plain TypeScript kernels over ordinary ArrayBuffers, in float32 (what the
// model trains in) or float64 (what gradient checks use).
import type { Backend, Dtype, Kernels } from '../kernels.js';
import { gemm, gemmBias } from './gemm.js';
import { activate, activationBackward, addBias, addInto, scale, sumRows, sumSquares } from './elementwise.js';
import { gatherNodes, scatterNodes, scatterPredecessors, sumPredecessors } from './graph.js';
import { l1Penalty, l2Penalty, softmaxCrossEntropy } from './loss.js';
import { adamStep, sgdMomentumStep } from './optim.js';

export const referenceKernels: Kernels = {
  gemm, gemmBias, addBias, activate, activationBackward, sumRows, gatherNodes, scatterNodes, sumPredecessors,
  scatterPredecessors, softmaxCrossEntropy, l1Penalty, l2Penalty, sumSquares, scale, addInto, adamStep,
  sgdMomentumStep,
};

export function referenceBackend(dtype: Dtype = 'float32'): Backend {
  return {
    name: 'reference',
    dtype,
    kernels: referenceKernels,
    createArena(floats, ints) {
      return { floats: dtype === 'float64' ? new Float64Array(floats) : new Float32Array(floats), ints: new Int32Array(ints) };
    },
  };
}
