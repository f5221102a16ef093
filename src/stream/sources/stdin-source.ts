// Raw frames from standard input (`strnn live --source stdin --channels A,B --srate HZ`): little-endian
// float32 values, channels interleaved (frame 0 channel 0 … C−1, frame 1 …), no header, as
// `numpy.astype('<f4').tofile(sys.stdout.buffer)` or a device bridge writes them. Chunks follow the
// pipe's reads; a partial frame waits for its remaining bytes. Timestamps are not sent: the clock
// counts samples.
import type { Readable } from 'node:stream';
import { StrnnError } from '../../util/errors.js';
import type { StreamChunk, StreamSource } from '../types.js';

export function stdinSource(channels: readonly string[], srateHz: number, input: Readable = process.stdin): StreamSource {
  if (channels.length === 0) throw new StrnnError('USAGE', 'stdin carries raw frames without labels; pass --channels A,B,... in column order');
  if (!(srateHz > 0)) throw new StrnnError('USAGE', 'stdin carries raw frames without a rate; pass --srate HZ');
  const C = channels.length, frameBytes = 4 * C;
  let closed = false;
  const source: StreamSource = {
    open: () => Promise.resolve({ name: 'stdin', type: 'EEG', fsHz: srateHz, channelCount: C, labels: [...channels] }),
    async *chunks(): AsyncGenerator<StreamChunk> {
      let pending: Buffer = Buffer.alloc(0);
      for await (const piece of input as AsyncIterable<Buffer>) {
        if (closed) break;
        pending = pending.length ? Buffer.concat([pending, piece]) : piece;
        const frames = Math.floor(pending.length / frameBytes);
        if (frames === 0) continue;
        const data = new Float32Array(frames * C);
        for (let i = 0; i < data.length; i++) data[i] = pending.readFloatLE(4 * i);
        pending = pending.subarray(frames * frameBytes);
        yield { data, frames };
      }
      if (pending.length > 0) source.onStatus?.({ state: 'ended', message: `stdin ended inside a frame: ${pending.length} trailing bytes dropped (a frame is ${frameBytes} bytes)` });
      else source.onStatus?.({ state: 'ended', message: 'stdin ended' });
    },
    close() {
      closed = true;
      input.pause();
      input.destroy();
      return Promise.resolve();
    },
  };
  return source;
}
