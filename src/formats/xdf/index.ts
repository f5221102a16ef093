// XDF (LabRecorder / Lab Streaming Layer) reading: the public names of this folder.
export { readXdf, parseXdf } from './read-xdf.js';
export { xdfToRecording } from './to-recording.js';
export { fitClockOffsets, correctTimestamps, fitRegularTiming, type ClockFit, type RegularTiming } from './clock-sync.js';
export type { XdfFile, XdfStream, XdfChannelInfo, XdfChannelFormat } from './types.js';
