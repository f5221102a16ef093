// Typed view of an XDF file (Extensible Data Format, the LabRecorder / Lab Streaming Layer format) as
// read by read-xdf.ts: every stream with its header fields, raw time stamps (the sending computer's
// clock, deduced ones filled in), values, clock offsets and footer.
import type { XmlElement } from './xml.js';

export type XdfChannelFormat = 'float32' | 'double64' | 'int8' | 'int16' | 'int32' | 'int64' | 'string';

/** One channel as the stream header's desc/channels/channel describes it (fields absent when not given). */
export interface XdfChannelInfo {
  label?: string;
  unit?: string;
  type?: string;
}

export interface XdfStream {
  /** StreamId of the chunks. */
  id: number;
  name: string;
  type: string;
  channelCount: number;
  /** 0 for irregular streams (markers). */
  nominalSrateHz: number;
  channelFormat: XdfChannelFormat;
  /** From desc/channels; empty when the header lists no channels. */
  channels: XdfChannelInfo[];
  /** Raw time stamps, one per sample (seconds, the stream's own clock, before clock correction). */
  timestamps: Float64Array;
  /** Numeric streams: samples x channels, row-major (sample k, channel c at k·C + c). */
  values?: Float64Array;
  /** String streams: one array of channel values per sample. */
  strings?: string[][];
  /** ClockOffset chunks: collection times (stream clock) and offsets (recorder − stream), seconds. */
  clockTimes: number[];
  clockValues: number[];
  header: XmlElement;
  footer?: XmlElement;
}

export interface XdfFile {
  /** The FileHeader's XML root (<info><version>1.0</version>...). */
  fileHeader: XmlElement;
  /** Streams in the order their headers appear. */
  streams: XdfStream[];
}
