// LSL inlet throughput on loopback: how many times a 64-channel 1000 Hz float32 stream (64,000
// values/s) the inlet alone can take. A plain TCP server in this process plays the outlet and sends
// pre-encoded protocol-1.10 bytes (header, test patterns, every sample stamped as liblsl's push_sample
// sends them), so the time is the inlet's: socket reads, decoding, the ring buffer and pulling chunks.
// (The server's writes share the process, which makes the number conservative.) Best of `rounds`.
// Run: npx tsc -p tsconfig.json && node dist/bench/lsl-inlet.js [samples]
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { StreamInlet, type StreamInfo } from '../src/stream/lsl/index.js';
import { concatBytes } from '../src/util/typed-arrays.js';
import { SampleEncoder, TEST_PATTERN_TIMESTAMP, testPatternValues } from '../src/stream/lsl/sample-codec.js';
import { formatResponseHeader } from '../src/stream/lsl/streamfeed-header.js';
import { formatStreamInfoXml } from '../src/stream/lsl/stream-info-xml.js';
import { Rng } from '../src/util/random.js';

export interface LslInletResult {
  channels: number;
  samples: number;
  seconds: number;
  valuesPerSecond: number;
  /** valuesPerSecond / (channels × 1000 Hz). */
  realtimeRatio: number;
}

const CHANNELS = 64;
const SRATE = 1000;
const WRITE_BYTES = 1 << 16;

function encodedStream(info: StreamInfo, samples: number): Uint8Array {
  const encoder = new SampleEncoder('float32', CHANNELS, true, false);
  const rng = new Rng(5);
  const values = new Float32Array(samples * CHANNELS);
  for (let i = 0; i < values.length; i++) values[i] = 50 * rng.normal();
  const timestamps = Float64Array.from({ length: samples }, (_, i) => 1000 + i / SRATE);
  const header = formatResponseHeader(info.uid, 1234, false);
  const stamp = Float64Array.of(TEST_PATTERN_TIMESTAMP);
  const patterns = [4, 2].map((o) => encoder.encode(testPatternValues('float32', CHANNELS, o), stamp, 0, 1));
  return concatBytes(header, ...patterns, encoder.encode(values, timestamps, 0, samples));
}

async function oneRound(samples: number): Promise<number> {
  const info: StreamInfo = {
    name: 'bench', type: 'EEG', channelCount: CHANNELS, nominalSrate: SRATE, channelFormat: 'float32', sourceId: 'bench', version: 1.1, createdAt: 1,
    uid: 'b0000000-0000-4000-8000-000000000000', sessionId: 'default', hostname: 'bench', v4address: '127.0.0.1', v4dataPort: 0, v4servicePort: 0,
    v6address: '', v6dataPort: 0, v6servicePort: 0,
  };
  const stream = encodedStream(info, samples);
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (request) => {
      if (request.toString('latin1').startsWith('LSL:fullinfo')) return void socket.end(formatStreamInfoXml(info, true));
      let at = 0;
      const pump = () => {
        while (at < stream.length) {
          const ok = socket.write(stream.subarray(at, at + WRITE_BYTES));
          at += WRITE_BYTES;
          if (!ok) return void socket.once('drain', pump);
        }
        socket.end();
      };
      pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  info.v4dataPort = (server.address() as { port: number }).port;
  const inlet = new StreamInlet(info, { recover: false });
  try {
    const t0 = performance.now();
    await inlet.open();
    let got = 0;
    let check = 0;
    while (got < samples) {
      const chunk = await inlet.nextChunk({ timeoutMs: 5000 });
      if (chunk.count === 0) throw new Error(`LSL bench: stalled after ${got} of ${samples} samples`);
      check += (chunk.values as Float32Array)[0]!; // touch the data, as a consumer would
      got += chunk.count;
    }
    const seconds = (performance.now() - t0) / 1000;
    if (!Number.isFinite(check)) throw new Error('LSL bench: decoded a non-finite value');
    return seconds;
  } finally {
    inlet.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

export async function measureLslInlet(options: { samples?: number; rounds?: number } = {}): Promise<LslInletResult> {
  const samples = options.samples ?? 100_000;
  const rounds = options.rounds ?? 3;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) best = Math.min(best, await oneRound(samples));
  const valuesPerSecond = (samples * CHANNELS) / best;
  return { channels: CHANNELS, samples, seconds: best, valuesPerSecond, realtimeRatio: valuesPerSecond / (CHANNELS * SRATE) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const samples = Number(process.argv[2] ?? 100_000);
  const r = await measureLslInlet({ samples });
  console.log(`LSL inlet: ${r.samples} samples x ${r.channels} float32 channels in ${r.seconds.toFixed(3)} s = ${(r.valuesPerSecond / 1e6).toFixed(2)} M values/s = ${r.realtimeRatio.toFixed(0)}x a ${r.channels}-channel 1000 Hz stream`);
}
