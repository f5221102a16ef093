// Our outlet to our inlet on 127.0.0.1 (discovery scope `machine`): every channel format through random
// chunk sizes, a connection dropped mid-sample (recovery), garbage injected into the stream, a connection
// gone silent (the watchdog), an outlet restart, close() during a reconnection, a slow consumer (bounded
// queue), and two outlets sharing the discovery port. Streams carry
// a unique source_id so other outlets on this machine (other test files) do not interfere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';
import { resolveStreams, StreamInlet, StreamOutlet, type ChannelFormat, type PulledChunk, type StreamInfo } from '../../../src/stream/lsl/index.js';
import { SampleDecoder } from '../../../src/stream/lsl/sample-codec.js';
import { headerEnd } from '../../../src/stream/lsl/streamfeed-header.js';
import { Rng } from '../../../src/util/random.js';

let serial = 0;
function uniqueId(what: string): string {
  return `strnn-test-${what}-${process.pid}-${Date.now()}-${serial++}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openPair(format: ChannelFormat, channelCount: number, nominalSrate: number) {
  const sourceId = uniqueId(format);
  const outlet = new StreamOutlet({ name: `loop-${format}`, type: 'EEG', channelCount, nominalSrate, channelFormat: format, sourceId }, { scope: 'machine' });
  await outlet.start();
  const [found] = await resolveStreams({ sourceId }, { scope: 'machine', timeoutMs: 3000 });
  assert.ok(found, `resolved ${sourceId}`);
  return { outlet, found: found!, sourceId };
}

/** The value of channel c of sample i, per format (every format gets values it can hold exactly). */
function valueOf(format: ChannelFormat, i: number, c: number): number | bigint | string {
  switch (format) {
    case 'float32':
      return Math.fround(i * 0.25 - c * 1.5);
    case 'double64':
      return i / 3 - c * 1e-300;
    case 'int8':
      return ((i * 7 + c) % 256) - 128;
    case 'int16':
      return ((i * 263 + c) % 65536) - 32768;
    case 'int32':
      return ((i * 16777259 + c) % 4294967296) - 2147483648;
    case 'int64':
      return BigInt(i) * 4294967311n - BigInt(c) - 2n ** 62n;
    case 'string':
      return c === 0 ? `sample ${i} ${'ü'.repeat(i % 300)}` : '';
  }
}

function frame(format: ChannelFormat, i: number, cc: number) {
  return Array.from({ length: cc }, (_, c) => valueOf(format, i, c));
}

async function pullUntil(inlet: StreamInlet, count: number, deadlineMs: number): Promise<PulledChunk[]> {
  const chunks: PulledChunk[] = [];
  let got = 0;
  const end = Date.now() + deadlineMs;
  while (got < count && Date.now() < end) {
    const c = await inlet.nextChunk({ timeoutMs: 50 });
    if (c.count > 0) chunks.push(c);
    got += c.count;
  }
  return chunks;
}

for (const format of ['float32', 'double64', 'int8', 'int16', 'int32', 'int64', 'string'] as const) {
  test(`${format}: random chunk sizes arrive complete, values and timestamps exact`, async () => {
    const cc = format === 'string' ? 2 : 5;
    const srate = format === 'string' ? 0 : 250;
    const { outlet, found } = await openPair(format, cc, srate);
    const inlet = new StreamInlet(found, { scope: 'machine' });
    try {
      await inlet.open();
      assert.equal(await outlet.waitForConsumers(2000), true);
      const rng = new Rng(format.length * 17);
      const expected: number[] = [];
      let i = 0;
      while (i < 1500) {
        const n = 1 + rng.int(40);
        const values = Array.from({ length: n }, (_, k) => frame(format, i + k, cc)).flat();
        const last = 100 + (i + n - 1) * 0.004;
        if (rng.int(2) === 0) {
          const stamps = Array.from({ length: n }, (_, k) => 100 + (i + k) * 0.004);
          outlet.pushChunk(values as never, stamps);
          expected.push(...stamps);
        } else {
          // One timestamp: the receiver deduces the rest (previous + 1/srate, or previous when irregular).
          outlet.pushChunk(values as never, last);
          let t = srate > 0 ? last - (n - 1) / srate : last;
          for (let k = 0; k < n; k++, t += srate > 0 ? 1 / srate : 0) expected.push(t);
        }
        i += n;
        if (rng.int(5) === 0) await sleep(1);
      }
      const chunks = await pullUntil(inlet, i, 10000);
      let s = 0;
      for (const chunk of chunks) {
        for (let k = 0; k < chunk.count; k++, s++) {
          assert.ok(Object.is(chunk.timestamps[k], expected[s]), `sample ${s}: timestamp ${chunk.timestamps[k]} vs ${expected[s]}`);
          for (let c = 0; c < cc; c++) assert.ok(Object.is(chunk.values[k * cc + c], valueOf(format, s, c)), `sample ${s} channel ${c}`);
        }
      }
      assert.equal(s, i);
    } finally {
      inlet.close();
      await outlet.close();
    }
  });
}

/**
 * A TCP proxy in front of the outlet's data port. On the first streamfeed connection it forwards
 * `cutAfter` bytes, then closes both sides, or inserts `garbage` there, or ('silent') forwards nothing
 * more but keeps the connection open (a computer that left the network: no FIN ever comes).
 */
async function startProxy(targetPort: number, cutAfter: number, garbage?: Buffer | 'silent') {
  let feeds = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    sockets.add(client).add(upstream);
    client.on('error', () => {});
    upstream.on('error', () => {});
    let isFeed = false;
    let forwarded = 0;
    client.on('data', (d) => {
      if (!isFeed && d.toString('latin1').startsWith('LSL:streamfeed')) isFeed = ++feeds === 1;
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!isFeed || forwarded >= cutAfter) {
        if (!isFeed || (garbage && garbage !== 'silent')) client.write(d);
        return;
      }
      const room = cutAfter - forwarded;
      forwarded += d.length;
      if (d.length < room) return void client.write(d);
      client.write(d.subarray(0, room));
      if (garbage === 'silent') return;
      if (garbage) {
        client.write(garbage);
        client.write(d.subarray(room));
      } else {
        client.destroy();
        upstream.destroy();
      }
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

const CC = 8;
const SAMPLE_BYTES = 1 + 8 + CC * 4; // every sample stamped: pushSample with explicit timestamps
const HEADER_AND_PATTERNS = 131 + 2 * SAMPLE_BYTES;

/** Push sample i = 0.. every ms-ish until stop() and check what the inlet got is consistent. */
function pusher(outlet: StreamOutlet) {
  let i = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      for (let k = 0; k < 5; k++, i++) outlet.pushSample(frame('float32', i, CC) as number[], 500 + i / 1000);
      await sleep(2);
    }
  })();
  return { stop: async () => ((running = false), await loop), pushed: () => i };
}

function checkConsistent(chunks: PulledChunk[]): number[] {
  const indices: number[] = [];
  for (const chunk of chunks) {
    for (let k = 0; k < chunk.count; k++) {
      const index = Math.round((chunk.timestamps[k]! - 500) * 1000);
      assert.ok(Object.is(chunk.timestamps[k], 500 + index / 1000), `timestamp ${chunk.timestamps[k]} is not one we pushed`);
      for (let c = 0; c < CC; c++) assert.equal(chunk.values[k * CC + c], valueOf('float32', index, c), `sample ${index} channel ${c}`);
      if (indices.length > 0) assert.ok(index > indices[indices.length - 1]!, `sample ${index} after ${indices[indices.length - 1]}`);
      indices.push(index);
    }
  }
  return indices;
}

const MODES = {
  drop: { title: 'a connection dropped mid-sample', reason: /connection closed/ },
  garbage: { title: 'garbage injected into the stream', reason: /byte 7 at sample start .* is not a sample tag/ },
  // The watchdog (0.5 s here, 15 s by default) takes a connection that brings nothing for that long as lost.
  silent: { title: 'a connection gone silent mid-sample (no close)', reason: /no data for \d+\.\d s \(the outlet stopped sending/ },
};

for (const mode of ['drop', 'garbage', 'silent'] as const) {
  test(`${MODES[mode].title}: the inlet recovers and never delivers a broken sample`, async () => {
    const { outlet, found } = await openPair('float32', CC, 1000);
    const cut = HEADER_AND_PATTERNS + 40 * SAMPLE_BYTES + (mode === 'garbage' ? 0 : 17);
    const proxy = await startProxy(found.v4dataPort, cut, mode === 'garbage' ? Buffer.from([0x07, 0x41, 0x42, 0x43]) : mode === 'silent' ? 'silent' : undefined);
    const inlet = new StreamInlet({ ...found, v4dataPort: proxy.port } as StreamInfo, { scope: 'machine', ...(mode === 'silent' && { watchdogSec: 0.5 }) });
    const events: string[] = [];
    inlet.on('lost', (reason) => events.push(`lost: ${reason}`));
    inlet.on('recovered', (info) => events.push(`recovered ${info.v4dataPort}`));
    let feed: ReturnType<typeof pusher> | undefined;
    try {
      await inlet.open();
      assert.equal(await outlet.waitForConsumers(2000), true);
      feed = pusher(outlet);
      const chunks: PulledChunk[] = [];
      const end = Date.now() + 8000;
      while (Date.now() < end && !(events.length >= 2 && chunks.reduce((n, c) => n + c.count, 0) > 100)) {
        const c = await inlet.nextChunk({ timeoutMs: 50 });
        if (c.count > 0) chunks.push(c);
      }
      await feed.stop();
      const indices = checkConsistent(chunks);
      assert.equal(events.length, 2, events.join('; '));
      assert.match(events[0]!, MODES[mode].reason);
      // Recovery re-resolved the stream and went straight to the outlet, not through the proxy.
      assert.equal(events[1], `recovered ${found.v4dataPort}`);
      assert.ok(indices.slice(0, 40).every((v, k) => v === k), 'the first 40 samples came through the proxy in order');
      assert.ok(indices.length > 40 && indices[indices.length - 1]! > 40, 'samples after the recovery');
    } finally {
      await feed?.stop();
      inlet.close();
      await proxy.close();
      await outlet.close();
    }
  });
}

test('without recovery a garbage stream is an error event, not data', async () => {
  const { outlet, found } = await openPair('float32', CC, 1000);
  const proxy = await startProxy(found.v4dataPort, HEADER_AND_PATTERNS + 3 * SAMPLE_BYTES, Buffer.from([0xff]));
  const inlet = new StreamInlet({ ...found, v4dataPort: proxy.port } as StreamInfo, { recover: false });
  try {
    const error = new Promise<Error>((resolve) => inlet.on('error', resolve));
    await inlet.open();
    await outlet.waitForConsumers(2000);
    for (let i = 0; i < 10; i++) outlet.pushSample(frame('float32', i, CC) as number[], 500 + i / 1000);
    assert.match((await error).message, /byte 255 at sample start/);
    assert.deepEqual(checkConsistent([inlet.pullChunk()]), [0, 1, 2]);
  } finally {
    inlet.close();
    await proxy.close();
    await outlet.close();
  }
});

test('an outlet restart (new uid, same source_id) is followed', async () => {
  const { outlet, found, sourceId } = await openPair('float32', CC, 1000);
  const inlet = new StreamInlet(found, { scope: 'machine' });
  let second: StreamOutlet | undefined;
  try {
    await inlet.open();
    const recovered = new Promise<StreamInfo>((resolve) => inlet.on('recovered', resolve));
    await outlet.close();
    second = new StreamOutlet({ name: 'loop-float32', type: 'EEG', channelCount: CC, nominalSrate: 1000, sourceId }, { scope: 'machine' });
    const info = await second.start();
    assert.equal((await recovered).uid, info.uid);
    await second.waitForConsumers(2000);
    second.pushSample(frame('float32', 7, CC) as number[], 500.007);
    const chunks = await pullUntil(inlet, 1, 3000);
    assert.deepEqual(checkConsistent(chunks), [7]);
  } finally {
    inlet.close();
    await second?.close();
  }
});

test('close() during a connection handshake stops it: open() rejects, the socket is closed, nothing connects later', async () => {
  const { outlet, found } = await openPair('float32', CC, 1000);
  // A proxy that passes the fullinfo through but holds back the streamfeed answer: the inlet waits
  // for its test patterns, as it does in every reconnection.
  const sockets = new Set<Socket>();
  let feedSeen!: () => void, feedClosed!: () => void;
  const seen = new Promise<void>((r) => (feedSeen = r)), closedByInlet = new Promise<void>((r) => (feedClosed = r));
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: found.v4dataPort });
    sockets.add(client).add(upstream);
    client.on('error', () => {});
    upstream.on('error', () => {});
    let feed = false;
    client.on('data', (d) => {
      if (d.toString('latin1').startsWith('LSL:streamfeed')) {
        feed = true;
        client.on('close', feedClosed);
        feedSeen();
      }
      upstream.write(d);
    });
    upstream.on('data', (d) => void (feed || client.write(d)));
    upstream.on('close', () => void (feed || client.destroy()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const inlet = new StreamInlet({ ...found, v4dataPort: (server.address() as { port: number }).port } as StreamInfo, { scope: 'machine' });
  try {
    const opening = inlet.open({ timeoutMs: 20_000 });
    await seen;
    inlet.close();
    await assert.rejects(opening, /the inlet was closed while connecting/);
    // Without the fix the socket stayed open until the 20-s handshake timeout (and kept a process alive).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gone = await Promise.race([closedByInlet.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 5000)))]);
    clearTimeout(timer);
    assert.equal(gone, true, 'the inlet closed its half-open streamfeed connection');
    assert.equal(inlet.connected, false);
  } finally {
    inlet.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((r) => server.close(() => r()));
    await outlet.close();
  }
});

test('a slow consumer: its queue stays within its Max-Buffer-Length, the oldest samples go, a fast inlet gets all', async () => {
  const cc = 64;
  const { outlet, found } = await openPair('float32', cc, 1000);
  const fast = new StreamInlet(found, { scope: 'machine' });
  const slowRequest = `LSL:streamfeed/110 ${found.uid}\r\nNative-Byte-Order: 1234\r\nValue-Size: 4\r\nMax-Buffer-Length: 100\r\n\r\n`;
  const received: Buffer[] = [];
  let slow: Socket | undefined;
  try {
    await fast.open();
    slow = connect({ host: '127.0.0.1', port: found.v4dataPort });
    slow.on('data', (d) => received.push(d));
    await new Promise<void>((r) => slow!.once('connect', () => r()));
    slow.write(slowRequest);
    while (outlet.consumerCount < 2) await sleep(5);
    await sleep(50);
    slow.pause(); // stop reading: the kernel buffers fill, then the outlet's queue
    const total = 60000;
    const fastChunks: PulledChunk[] = [];
    let maxQueued = 0;
    for (let i = 0; i < total; i += 20) {
      const values = new Float32Array(20 * cc);
      for (let k = 0; k < 20; k++) values.fill(i + k, k * cc, (k + 1) * cc);
      outlet.pushChunk(values, Array.from({ length: 20 }, (_, k) => 10 + (i + k) / 1000));
      const stats = outlet.consumerStats().find((s) => s.maxSamples === 100)!;
      maxQueued = Math.max(maxQueued, stats.queuedSamples);
      if (i % 2000 === 0) {
        await sleep(1);
        fastChunks.push(fast.pullChunk());
      }
    }
    fastChunks.push(...(await pullUntil(fast, total - fastChunks.reduce((n, c) => n + c.count, 0), 10000)));
    const slowStats = outlet.consumerStats().find((s) => s.maxSamples === 100)!;
    assert.ok(maxQueued <= 100 + 20, `slow queue peaked at ${maxQueued} samples`);
    assert.ok(slowStats.droppedSamples > 0, 'samples were dropped for the slow consumer');
    // The fast inlet got every sample, in order.
    const fastValues = fastChunks.flatMap((c) => Array.from({ length: c.count }, (_, k) => c.values[k * cc] as number));
    assert.equal(fastValues.length, total);
    assert.ok(fastValues.every((v, k) => v === k));
    // The slow one, reading again, gets a consistent tail ending with the newest sample.
    slow.resume();
    let before = -1;
    while (before !== received.length) {
      before = received.length;
      await sleep(200);
    }
    const all = new Uint8Array(Buffer.concat(received));
    const start = headerEnd(all);
    const decoded = new SampleDecoder('float32', cc, 1000, true, 'slow consumer').feed(all.subarray(start));
    const indices = Array.from({ length: decoded.count }, (_, k) => decoded.values[k * cc] as number);
    assert.ok(decoded.count < total + 2, `slow consumer got ${decoded.count} of ${total}`);
    assert.equal(indices[indices.length - 1], total - 1);
    assert.deepEqual([indices[0], indices[1]], [4, 2]); // the test patterns' channel 0
    for (let k = 3; k < decoded.count; k++) {
      assert.equal(decoded.timestamps[k], 10 + indices[k]! / 1000);
      assert.ok(indices[k]! > indices[k - 1]!);
    }
  } finally {
    slow?.destroy();
    fast.close();
    await outlet.close();
  }
});

test('two outlets share the discovery port; a query by type finds both', async () => {
  const type = uniqueId('type');
  const outlets = [0, 1].map((k) => new StreamOutlet({ name: `shared-${k}`, type, channelCount: 1, nominalSrate: 10 }, { scope: 'machine' }));
  try {
    const infos = await Promise.all(outlets.map((o) => o.start()));
    const found = await resolveStreams({ type }, { scope: 'machine', minimum: 2, timeoutMs: 3000 });
    assert.deepEqual(found.map((f) => f.uid).sort(), infos.map((i) => i.uid).sort());
    assert.deepEqual(await resolveStreams({ type, name: 'shared-1' }, { scope: 'machine', minimum: 0, timeoutMs: 600 }).then((f) => f.map((i) => i.name)), ['shared-1']);
  } finally {
    await Promise.all(outlets.map((o) => o.close()));
  }
});

test('when the port range is taken, an outlet falls back to any free port and is still found', async () => {
  // Hold one port for TCP and UDP both, and give the outlet a range of just that port.
  const holder = createServer();
  await new Promise<void>((r) => holder.listen(0, '0.0.0.0', r));
  const port = (holder.address() as { port: number }).port;
  const udp = createSocket('udp4');
  await new Promise<void>((r) => udp.bind(port, '0.0.0.0', r));
  const outlet = new StreamOutlet({ name: 'range', channelCount: 1, nominalSrate: 10, sourceId: uniqueId('range') }, { scope: 'machine', portRange: [port, port] });
  try {
    const info = await outlet.start();
    assert.ok(info.v4dataPort !== port && info.v4servicePort !== port && info.v4dataPort > 0 && info.v4servicePort > 0, `${info.v4dataPort}, ${info.v4servicePort}`);
    const [found] = await resolveStreams({ sourceId: info.sourceId }, { scope: 'machine', timeoutMs: 3000 });
    assert.equal(found?.uid, info.uid);
  } finally {
    await outlet.close();
    udp.close();
    await new Promise<void>((r) => holder.close(() => r()));
  }
});

test('pushes that do not fit the stream are refused, with or without consumers', async () => {
  const outlet = new StreamOutlet({ name: 'push-checks', channelCount: 2, nominalSrate: 10, channelFormat: 'int16', sourceId: uniqueId('push') }, { scope: 'machine' });
  await outlet.start();
  try {
    assert.throws(() => outlet.pushSample([1, 2, 3]), /3 values is not a whole number of samples of 2 channels/);
    assert.throws(() => outlet.pushSample([1, 40000]), /value 1 is 40000, which is not an integer in the range of channel_format int16/);
    assert.throws(() => outlet.pushSample([1, 0.5]), /value 1 is 0.5/);
    assert.throws(() => outlet.pushSample(['a', 'b']), /value 0 is a string, expected a number/);
    assert.throws(() => outlet.pushChunk([1, 2, 3, 4], [1]), /1 timestamps for 2 samples/);
    assert.throws(() => outlet.pushSample([1, 2], Number.NaN), /timestamps must be finite/);
    assert.throws(() => outlet.pushChunk([1, 2, 3, 4], [1, Number.NaN]), /timestamps must be finite/);
    assert.throws(() => new StreamOutlet({ name: '', channelCount: 1 }, {}), /name must be a non-empty string/);
    assert.throws(() => new StreamOutlet({ name: 'x', channelCount: 0 }, {}), /channelCount is 0/);
    assert.throws(() => new StreamOutlet({ name: 'x', channelCount: 2, channelLabels: ['a'] }, {}), /channelLabels has 1 entries for 2 channels/);
  } finally {
    await outlet.close();
  }
  assert.throws(() => outlet.pushSample([1, 2]), /push after close/);
});
