// An LSL outlet (liblsl stream_outlet): answers discovery on the shared port 16571 and on its own service
// UDP port, serves fullinfo / shortinfo / streamfeed on its data TCP port, keeps one bounded queue per
// consumer (its Max-Buffer-Length), and answers `LSL:timedata` clock probes.
import { StrnnError } from '../../util/errors.js';
import type { LslTransport } from './transport.js';
import type { OutletOptions, PushValues, StreamInfo, StreamInfoInput } from './types.js';

export class LslOutlet {
  protected readonly transport: LslTransport;
  protected readonly options: OutletOptions;
  protected readonly input: StreamInfoInput;

  constructor(info: StreamInfoInput, options: OutletOptions, transport: LslTransport) {
    this.input = info;
    this.options = options;
    this.transport = transport;
  }

  /** Bind the ports and start answering; resolves with the complete stream info (uid, ports). */
  async start(): Promise<StreamInfo> {
    throw new StrnnError('UNSUPPORTED', 'LSL outlet: not implemented yet');
  }

  get info(): StreamInfo {
    throw new StrnnError('UNSUPPORTED', 'LSL outlet: not implemented yet');
  }

  /** Connected streamfeed consumers. */
  get consumerCount(): number {
    return 0;
  }

  /** Resolves true once at least one consumer is connected, false after timeoutMs. */
  async waitForConsumers(timeoutMs: number): Promise<boolean> {
    void timeoutMs;
    return false;
  }

  /** One sample of channelCount values; timestamp defaults to localClock() now. */
  pushSample(values: PushValues, timestamp?: number): void {
    void values;
    void timestamp;
    throw new StrnnError('UNSUPPORTED', 'LSL outlet: not implemented yet');
  }

  /**
   * Several samples, frame-major (length a multiple of channelCount). timestamps: one per sample, or one
   * number = the time of the LAST sample (earlier ones are spaced by 1/nominalSrate, as liblsl does), or
   * absent = localClock() now for the last sample.
   */
  pushChunk(values: PushValues, timestamps?: number | ArrayLike<number>): void {
    void values;
    void timestamps;
    throw new StrnnError('UNSUPPORTED', 'LSL outlet: not implemented yet');
  }

  async close(): Promise<void> {}
}
