// Signal processing for EEG features: the public names of this folder.
export { SEED_BANDS, SEED_BANDS_CONTIGUOUS, checkBands, type Band } from './bands.js';
export { butterworthSos, zpkToSos, type ButterworthSpec, type FilterType } from './butterworth.js';
export { sosfilt, sosfiltInPlace, sosfiltZi, sosfiltfilt, sosfiltfiltPadLength } from './sosfilt.js';
export { fftPlan, type Fft } from './fft.js';
export { hannPeriodic, Periodogram, bandBins } from './periodogram.js';
export { welchPsd, welchFrequencies, bandMeans, type WelchOptions } from './welch.js';
export { gaussianDe, deGaussianWindows, deSpectralWindows } from './differential-entropy.js';
export { movingAverage } from './moving-average.js';
export { ldsSmooth, type LdsOptions } from './lds-smoother.js';
export { planWindows, type WindowPlan } from './windows.js';
export { computeTrialFeatures, type FeatureOptions, type TrialFeatures, type Smoothing } from './trial-features.js';
export {
  FEATURE_PIPELINE_VERSION, featurePipelineSchema, parseFeaturePipeline, nonCausalReasons,
  type FeaturePipeline, type PipelineFiltering, type PipelineSmoothing,
} from './feature-pipeline.js';
export {
  CausalFeatureExtractor, computeCausalFeatures, describeWindowProblems,
  type CausalFeatureSettings, type CausalFeatureKind, type CausalWindow, type CausalTrialFeatures, type ChunkLayout, type WindowProblem,
} from './causal-features.js';
export { CausalSmoother, DEFAULT_CAUSAL_KALMAN, DEFAULT_CAUSAL_MOVING_AVERAGE, type CausalKalmanSettings, type CausalSmoothingKind } from './causal-smoothing.js';
export { causalFeaturePipeline, causalSettingsFromPipeline, causalStandIn, causalSmoothingFor, type CausalPipelineChoices } from './causal-pipeline.js';
