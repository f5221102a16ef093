// Entry point of the wasm module: every kernel of src/kernels/kernels.ts, taking byte offsets into
// this instance's memory and integer dims. The host (../host.ts) lays out memory; nothing here allocates.
export { gemm, gemmBias, setScratch, SCRATCH_FLOATS } from './gemm';
export { addBias, activate, activationBackward, sumRows, sumSquares, scale, addInto } from './elementwise';
export { gatherNodes, scatterNodes, sumPredecessors, scatterPredecessors } from './graph';
export { softmaxCrossEntropy, l1Penalty, l2Penalty } from './loss';
export { adamStep, sgdMomentumStep } from './optim';
export { filterBank, readBlock } from './filter-bank';
export { detLog, detExp, detSin, detCos, detTan, detPow, detHypot } from './det-math';

/** First free byte after the module's static data: the host starts its layout here. */
export function heapBase(): usize {
  return __heap_base;
}
