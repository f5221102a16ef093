// An LSL inlet (liblsl stream_inlet): fetches the fullinfo, opens an `LSL:streamfeed/110` connection,
// checks the two test-pattern samples, decodes samples into a bounded buffer, measures the clock offset
// with `LSL:timedata`, and recovers (re-resolve by name/type/source_id, reconnect) after a drop.
import { StrnnError } from '../../util/errors.js';
import type { LslTransport } from './transport.js';
import type { InletEvents, InletOptions, PulledChunk, StreamInfo, TimeCorrection } from './types.js';

export class LslInlet {
  protected readonly transport: LslTransport;
  protected readonly options: InletOptions;
  protected streamInfo: StreamInfo;

  constructor(info: StreamInfo, options: InletOptions, transport: LslTransport) {
    this.streamInfo = info;
    this.options = options;
    this.transport = transport;
  }

  /** The stream's full info (after open), else the info it was created with. */
  get info(): StreamInfo {
    return this.streamInfo;
  }

  get connected(): boolean {
    return false;
  }

  /** Fetch the fullinfo and open the data connection; resolves once the test patterns checked out. */
  async open(options: { timeoutMs?: number } = {}): Promise<StreamInfo> {
    void options;
    throw new StrnnError('UNSUPPORTED', 'LSL inlet: not implemented yet');
  }

  /** Samples waiting in the buffer. */
  available(): number {
    return 0;
  }

  /** Take up to maxSamples (default all) buffered samples, oldest first. */
  pullChunk(maxSamples = Infinity): PulledChunk {
    void maxSamples;
    throw new StrnnError('UNSUPPORTED', 'LSL inlet: not implemented yet');
  }

  /** Wait until at least one sample is buffered (or timeoutMs passed: count 0), then pull. */
  async nextChunk(options: { timeoutMs?: number; maxSamples?: number } = {}): Promise<PulledChunk> {
    void options;
    throw new StrnnError('UNSUPPORTED', 'LSL inlet: not implemented yet');
  }

  on<E extends keyof InletEvents>(event: E, listener: InletEvents[E]): this {
    void event;
    void listener;
    return this;
  }

  off<E extends keyof InletEvents>(event: E, listener: InletEvents[E]): this {
    void event;
    void listener;
    return this;
  }

  /** Measure the clock offset (one wave of 8 `LSL:timedata` probes); local time ≈ timestamp + offset. */
  async timeCorrection(options: { timeoutMs?: number } = {}): Promise<number> {
    return (await this.measureTimeCorrection(options)).offset;
  }

  async measureTimeCorrection(options: { timeoutMs?: number } = {}): Promise<TimeCorrection> {
    void options;
    throw new StrnnError('UNSUPPORTED', 'LSL inlet: not implemented yet');
  }

  close(): void {}
}
