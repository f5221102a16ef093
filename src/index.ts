// Public library API of strnn: `import { ... } from 'strnn'`. Re-exports only.

// Errors and reproducibility
export { StrnnError, isStrnnError, type ErrorCode } from './util/errors.js';
export { Rng } from './util/random.js';

// Montages and the STRNN sweep graphs
export { validateMontage, gridMontage, parseMontageJson, type Montage, type MontageNode } from './montage/montage.js';
export { SEED_62, SEED_CHANNELS } from './montage/seed62.js';
export { STANDARD_1005, ELECTRODE_ALIASES, standardPosition, projectAzimuthal, type ElectrodePosition, type ProjectedPoint } from './montage/standard-1005.js';
export { placeChannels, type ChannelPlacement, type DroppedChannel, type PlaceChannelsOptions } from './montage/place-channels.js';
export { buildSweep, buildSweeps, predecessors, edgeCount, levelCount, DIRECTIONS, type Direction, type Sweep } from './montage/sweeps.js';

// Kernels and backends
export type { Backend, Kernels, Arena, Dtype, FloatArray, Activation } from './kernels/kernels.js';
export { referenceBackend } from './kernels/ref/index.js';
export { createBackend, type BackendKind } from './kernels/select.js';
export { backendFactory, type BackendFactory } from './kernels/factory.js';
export { createFilterBank, type FilterBank, type FilterBankKind, type FilterBankShape } from './kernels/filter-bank.js';

// The model
export { makeConfig, strnnConfigSchema, type StrnnConfig, type StrnnConfigInput } from './model/config.js';
export { StrnnModel, type ModelOptions } from './model/model.js';
export { parameterLayout, type ParamSpec, type ParamLayout } from './model/layout.js';
export { spatialSalience, temporalSalience, salienceBundle, precisionAtK, topK, type SalienceBundle, type SalienceOptions } from './model/salience.js';
export { attribution, attributeSamples, type Attribution, type AttributionMaps, type AttributionMethod } from './model/attribution.js';

// Data: trials, windowing, synthetic SEED, dataset facts
export type { FeatureTrial, TrialMeta } from './datasets/types.js';
export { windowTrials, carveValidation, type SampleSet, type WindowOptions } from './datasets/samples.js';
export { splitHoldout } from './datasets/holdout.js';
export { syntheticSeedTrials, type SyntheticSeedOptions } from './synthetic/seed.js';
export { SEED_CLASSES, SEED_FILE_LABELS, SEED_TRIAL_CLASSES, SEED_TRIAL_SECONDS, SEED_BANDS as SEED_BAND_NAMES } from './datasets/seed-facts.js';

// Training, evaluation, protocols, reports
export { fitNormalization, applyNormalization, normalized, type Normalization } from './train/normalize.js';
export { checkSetFitsModel, nonFiniteSamples } from './train/check-samples.js';
export { trainModel, makeTrainOptions, evaluateLoss, checkFinite, DEFAULT_TRAIN_OPTIONS, type TrainOptions, type TrainResult, type EpochStats } from './train/train.js';
export { classificationMetrics, argmaxRows, meanStd, perClassMetrics, type Metrics, type ClassMetrics } from './eval/metrics.js';
export { predictProbabilities, predictSamples, predictInChunks, checkFiniteSamples, type Predictions, type PredictOptions, type ChunkedPredictOptions } from './eval/predict.js';
export { evaluateSamples, type Evaluation } from './eval/evaluate.js';
export type { Protocol, ProtocolUnit } from './protocols/protocol.js';
export { seedSubjectDependent } from './protocols/seed-sd.js';
export { runUnit, type UnitOptions, type UnitResult } from './protocols/run-unit.js';
export { runProtocol, summarize, type ExperimentResult } from './protocols/run-protocol.js';
export { runDemo, type DemoOptions } from './protocols/demo.js';
export { formatExperiment, formatConfusion } from './report/text.js';
export { writeReport, type ReportOptions, type ReportOutput } from './report/build-report.js';
export { inspectModel, type InspectOptions } from './report/inspect-model.js';
export { topomapSvg } from './report/topomap.js';
export { scalpPositions } from './report/scalp-positions.js';
export { thinPlateSpline } from './report/thin-plate.js';
export { salienceRecovery, plantedSeedRegion, type RecoveryRow } from './eval/salience-recovery.js';

// File formats
export { checkOutputDir, type OutputDirRule } from './util/output-dir.js';
export { saveCheckpoint, loadCheckpoint, checkCheckpointOut, CHECKPOINT_DIR_RULE, CHECKPOINT_VERSION, type CheckpointMeta, type LoadedCheckpoint } from './formats/checkpoint.js';
export { readNpy, parseNpy, openNpy, writeNpy, type NpyArray, type NpyFile, type NpyHeader } from './formats/npy.js';
export * from './formats/mat/index.js';
export * from './formats/edf/index.js';

// Recording files (EDF/BDF, XDF, BrainVision, EEGLAB) read into one shape, with their events
export type { RecordingFile, RecordingChannel, RecordingChannelType, RecordingEvent, RecordingFormat, OmittedChannel, ReadRecordingOptions } from './formats/recording.js';
export { channelTypeFromLabel } from './formats/channel-type.js';
export { microvoltsPerUnit } from './formats/units.js';
export { edfToRecording } from './formats/edf/to-recording.js';
export * from './formats/xdf/index.js';
export { readRecordingFile, loadRecordingFile, RECORDING_EXTENSIONS } from './datasets/recording-file.js';
export { readBrainVision, parseVhdr, parseVmrk, markerEvent, type BrainVisionHeader, type BrainVisionChannel, type BrainVisionMarker } from './formats/brainvision/read-brainvision.js';
export { readEeglab, loadEeglab, eeglabToRecording } from './formats/eeglab/read-eeglab.js';

// Signal processing (raw EEG to features)
export * from './signal/index.js';

// EEG datasets (SEED, SEED-IV, DEAP), synthetic trees in their real layouts, the dataset registry
export type { Recording } from './datasets/types.js';
export { listSeedRecords, readSeedLabels, readSeedFeatureRecord, readSeedRawRecord, loadSeedFeatureTrials, loadSeedRecordings, parseSeedFeature, findSeedFolder } from './datasets/seed.js';
export { listSeedIvRecords, readSeedIvFeatureRecord, readSeedIvRawRecord, loadSeedIvFeatureTrials, loadSeedIvRecordings } from './datasets/seed-iv.js';
export { listDeapRecords, readDeapRecord, deapFeatureTrials, loadDeapFeatureTrials } from './datasets/deap.js';
export { parseRecordName, sortRecords, listDatedRecords, type DatedRecord } from './datasets/dated-records.js';
export { writeSyntheticDataset, type SyntheticDatasetOptions, type SyntheticFormat } from './synthetic/tree.js';
export { registerDataset, getDataset, datasetIds, type DatasetEntry } from './datasets/registry.js';
export { DEAP_32, DEAP_CHANNELS } from './montage/deap32.js';

// Face video (CK+, MMI): preprocessing, loaders, synthetic trees
export { faceConfig, faceMontage, sequenceFeatures, alignedCrop, type FacePreprocessConfig } from './face/preprocess.js';
export { similarityFromEyes, defaultEyePositions } from './face/align.js';
export { parseLandmarks, eyeCentres } from './face/landmarks.js';
export { detectSequenceEyes, FACE_ALIGNMENT_MODES, type FaceAlignmentMode, type LandmarkDetector, type NamedLandmarkDetector, type SequenceAlignment, type SequenceEyes } from './face/detect-landmarks.js';
export { createFaceApiDetector, faceApiAvailable, type FaceApiDetector, type FaceApiDetectorOptions, type DetectedFace, type FaceDetectorNet } from './face/face-api-detector.js';
export {
  readFaceVideo, readFaceImages, FACE_FRAME_SELECTIONS,
  type FaceInput, type FaceInputOptions, type FaceFrameSelection,
} from './face/face-input.js';
export { faceCheckpointInfo, faceConfigFromCheckpoint, type FaceCheckpointInfo } from './face/face-checkpoint.js';
export { readGrayImageFile, decodeGrayJpeg } from './face/image-file.js';
export { decodeGrayPng, encodeGrayPng } from './face/png.js';
export { decodeVideoGray, streamVideoGray, encodeVideoGray } from './face/ffmpeg.js';
export { selectLastFrames, selectAroundApex, selectSpreadFrames } from './face/frames.js';
export { makeGrayImage, type GrayImage } from './face/gray-image.js';
export { listCkPlusSequences, readCkPlusSequence, loadCkPlusTrials, type CkPlusTrial } from './datasets/ckplus.js';
export { CKPLUS_CLASSES } from './datasets/ckplus-facts.js';
export { listMmiSessions, readMmiSequence, loadMmiTrials, type MmiTrial, type MmiLoadOptions } from './datasets/mmi.js';
export { MMI_CLASSES } from './datasets/mmi-facts.js';
export { writeSyntheticFaces, type SyntheticFacesOptions } from './synthetic/faces.js';

// More protocols and the experiment runner
export { makeProtocol, PROTOCOLS } from './protocols/registry.js';
export { seedIvSubjectDependent } from './protocols/seed-iv-sd.js';
export { leaveOneSubjectOut } from './protocols/loso.js';
export { crossSession } from './protocols/cross-session.js';
export { deapSubjectDependent } from './protocols/deap-sd.js';
export { faceTenFold } from './protocols/face-10fold.js';
export { runExperiment, planExperiment, type ExperimentConfig, type ExperimentReport } from './protocols/experiment.js';
export { writeUnitDir, unitSalience, predictionRows, type UnitSalience, type PredictionRow } from './protocols/unit-artifacts.js';
export { createParallelEngine, defaultThreads, type ParallelEngine } from './train/parallel.js';
export type { GradientEngine } from './train/train.js';

// Raw EEG trees to SEED-like feature files (`strnn features`)
export { extractFeatures, detectFeatureSource, parseBandTable, BAND_TABLES, FEATURE_KINDS, type ExtractOptions, type ExtractReport } from './datasets/feature-tree.js';
export { readEdfRecording, normalizeChannelLabel, type EdfRecording } from './datasets/edf-eeg.js';

// ONNX export (`strnn export`)
export { exportOnnx, buildOnnx, writeOnnxFile, ONNX_OPSET, ONNX_IR_VERSION, type OnnxExportOptions, type OnnxExport } from './export/onnx-export.js';

// Lab Streaming Layer: discovery, inlet, outlet (src/stream/lsl/)
export {
  resolveStreams,
  StreamInlet,
  StreamOutlet,
  localClock,
  CHANNEL_FORMATS,
  type ChannelFormat,
  type ConsumerStats,
  type DiscoveryScope,
  type InletEvents,
  type InletOptions,
  type OutletOptions,
  type PulledChunk,
  type PushValues,
  type ResolveOptions,
  type ResolveQuery,
  type SampleValues,
  type StreamInfo,
  type StreamInfoInput,
  type TimeCorrection,
} from './stream/lsl/index.js';

// Live: streaming EEG → causal features → a prediction per window (src/stream/)
export { LivePipeline, DEFAULT_GAP_TOLERANCE_SEC, type LivePipelineOptions, type LiveHealth } from './stream/live-pipeline.js';
export { runLiveSession, type LiveSessionOptions } from './stream/live-session.js';
export { liveModelFeatures, type LiveModelFeatures } from './stream/model-features.js';
export { mapStreamChannels, type ChannelMap } from './stream/channel-map.js';
export { openSourceSpec, type SourceSpecOptions } from './stream/source-spec.js';
export { fileSource, FILE_SOURCE_EXTENSIONS, type FileSourceOptions } from './stream/sources/file-source.js';
export { stdinSource } from './stream/sources/stdin-source.js';
export { lslSource, parseLslQuery, type LslSourceOptions } from './stream/sources/lsl-source.js';
export { replaySource, parseReplaySpeed, type ReplaySpeed, type ReplayOptions } from './stream/sources/replay.js';
export { startLslReplay, type LslReplay, type LslReplayOptions } from './stream/lsl-replay.js';
export { PredictionPublisher } from './stream/sinks/lsl-publisher.js';
export { JsonlFile } from './stream/sinks/jsonl-file.js';
export { makeLiveDemo, plantedLabelAt, type LiveDemoData, type LiveDemoOptions, type DemoBlock } from './stream/live-demo.js';
export type { SourceInfo, StreamChunk, StreamSource, SourceStatus, StatusEvent, LiveEvent, PredictionEvent, InvalidWindowEvent, GapEvent } from './stream/types.js';
// Your own recordings: dataset descriptions and BIDS-EEG folders → labelled trials → protocols, models, predictions
export { computePipelineFeatures, defaultPipeline, checkPipelineRate, type PipelineFeatures, type PipelineChoices } from './signal/pipeline-features.js';
export { parseDatasetDescription, readDatasetDescription, datasetDescriptionSchema, DESCRIPTION_FILE, type DatasetDescription, type LabelRule, type EventMatch } from './datasets/dataset-description.js';
export {
  openRecordingDataset, listRecordingRecords, scanRecordingDataset, BIDS_EEG_GLOBS,
  type RecordingDatasetSource, type RecordingRecord, type PlannedTrial, type DatasetProblem, type DatasetScan,
} from './datasets/recording-dataset.js';
export { loadRecordingDataset, recordingSignal, RECORDING_FEATURES, type LoadedRecordingDataset, type RecordingLoadOptions } from './datasets/recording-features.js';
export { checkRecordingDataset, formatDatasetCheck, type DatasetCheckReport } from './datasets/recording-check.js';
export { recordingDatasetEntry, isRecordingDatasetPath } from './datasets/recording-dataset-entry.js';
export { channelKey, matchChannels } from './datasets/channel-names.js';
export { firstTrialsSubjectDependent, kFoldSubjectDependent, subjectKFold } from './protocols/recording-protocols.js';
export { predictRecording, predictionsCsv, type RecordingPrediction, type RecordingPredictions } from './eval/predict-recording.js';
