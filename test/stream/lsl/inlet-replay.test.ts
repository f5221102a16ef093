// Our inlet against recorded liblsl bytes. (1) Every outlet/* streamfeed response a real liblsl outlet
// sent, replayed in random pieces: every value and timestamp decodes exactly as expected.json and the
// inputs say (deduced timestamps accumulated as liblsl does, -0 and subnormals bit-exact, big-endian).
// (2) The inlet/* scenarios a real liblsl inlet went through: we accept what it accepted with the same
// samples it reported, reject what it rejected, and recover the same way; our requests match its
// requests field by field. Replays rewrite only the per-run ports and query ids, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LslInlet, StreamInlet, type PulledChunk, type StreamInfo } from '../../../src/stream/lsl/index.js';
import { recoveryQuery } from '../../../src/stream/lsl/inlet.js';
import { parseStreamInfoXml } from '../../../src/stream/lsl/stream-info-xml.js';
import { fixtureBytes, fixtureJson, fixtureText, inletReport, recordedInfo, recordedValues, type OutletExpected } from './fixtures.js';
import { startReplayOutlet } from './replay-outlet.js';

/** Collect samples until `count` arrived or the inlet gave up / the deadline passed. */
async function collect(inlet: LslInlet, count: number, deadlineMs = 15000): Promise<PulledChunk[]> {
  const chunks: PulledChunk[] = [];
  let got = 0;
  const end = Date.now() + deadlineMs;
  let failed = false;
  inlet.on('error', () => (failed = true));
  while (got < count && Date.now() < end) {
    const chunk = await inlet.nextChunk({ timeoutMs: 100 });
    if (chunk.count > 0) chunks.push(chunk);
    got += chunk.count;
    if (failed && inlet.available() === 0) break;
  }
  return chunks;
}

function flatten(chunks: PulledChunk[], cc: number): { timestamps: number[]; frames: unknown[][] } {
  const timestamps: number[] = [];
  const frames: unknown[][] = [];
  for (const c of chunks) {
    for (let i = 0; i < c.count; i++) {
      timestamps.push(c.timestamps[i]!);
      frames.push(Array.from(c.values.slice(i * cc, (i + 1) * cc) as ArrayLike<unknown>));
    }
  }
  return { timestamps, frames };
}

function sameBits(a: unknown, b: unknown): boolean {
  return Object.is(a, b);
}

const OUTLETS = ['float32-seed62-sample', 'float32-seed62-chunk10', 'double64-8ch', 'int16-8ch', 'int32-4ch', 'string-markers'];

for (const [n, folder] of OUTLETS.entries()) {
  test(`outlet/${folder}: every value and timestamp of the liblsl outlet's streamfeed decodes exactly`, async () => {
    const expected = fixtureJson<OutletExpected>('outlet', folder, 'expected.json');
    const values = recordedValues(folder);
    const replay = await startReplayOutlet({
      fullinfo: fixtureBytes('outlet', folder, 'tcp-fullinfo-response.bin'),
      feeds: [fixtureBytes('outlet', folder, 'tcp-streamfeed-response.bin')],
      splitSeed: 101 + n,
    });
    const info: StreamInfo = { ...recordedInfo(folder), v4address: '127.0.0.1', v4dataPort: replay.tcpPort };
    const inlet = new StreamInlet(info, { recover: false });
    try {
      const full = await inlet.open();
      assert.deepEqual(full.channelLabels, info.channelLabels);
      const cc = info.channelCount;
      const got = flatten(await collect(inlet, expected.samples.length), cc);
      assert.equal(got.timestamps.length, expected.samples.length);
      got.timestamps.forEach((t, i) => assert.ok(sameBits(t, expected.samples[i]!.timestamp), `sample ${i}: timestamp ${t}, expected ${expected.samples[i]!.timestamp}`));
      if (expected.liblsl_inlet_decoded_timestamps) assert.deepEqual(got.timestamps, expected.liblsl_inlet_decoded_timestamps);
      got.frames.forEach((frame, i) =>
        frame.forEach((v, c) => assert.ok(sameBits(v, (values[i] as unknown[])[c]), `sample ${i} channel ${c}: ${String(v)}, expected ${String((values[i] as unknown[])[c])}`)),
      );
    } finally {
      inlet.close();
      await replay.close();
    }
  });
}

test('outlet/float32-misc-variants: a big-endian response (Byte-Order: 4321) decodes to the same values', async () => {
  const values = fixtureJson<number[][]>('inputs', 'float32-misc-values.json');
  const reply = fixtureText('outlet', 'float32-misc-variants', 'udp-shortinfo-reply-by-name.bin');
  const info = parseStreamInfoXml(reply.slice(reply.indexOf('\n') + 1), 'fixture');
  const fullinfo = new TextEncoder().encode(reply.slice(reply.indexOf('\n') + 1));
  const replay = await startReplayOutlet({ fullinfo, feeds: [fixtureBytes('outlet', 'float32-misc-variants', 'tcp-streamfeed-bigendian-response.bin')], splitSeed: 7 });
  const inlet = new StreamInlet({ ...info, v4address: '127.0.0.1', v4dataPort: replay.tcpPort }, { recover: false });
  try {
    await inlet.open();
    const got = flatten(await collect(inlet, 5), 3);
    assert.deepEqual(got.timestamps, [6000, 6000.01, 6000.02, 6000.03, 6000.04]);
    assert.deepEqual(got.frames, values);
  } finally {
    inlet.close();
    await replay.close();
  }
});

/** The recorded liblsl inlet scenario as a replay: resolved info, fullinfo, feeds, recovery reply. */
async function replayScenario(folder: string, feeds: number) {
  const udpReply = fixtureText('inlet', folder, 'udp-reply.bin');
  const resolved = parseStreamInfoXml(udpReply.slice(udpReply.indexOf('\n') + 1), 'fixture');
  const feedBytes = Array.from({ length: feeds }, (_, k) => fixtureBytes('inlet', folder, `tcp-streamfeed-response-${k + 1}.bin`));
  const recovery = feeds > 1 ? fixtureText('inlet', folder, 'udp-recovery-reply.bin') : undefined;
  const recoveryText = recovery ? fixtureText('inlet', folder, 'udp-recovery-query.bin').split('\r\n')[1] : undefined;
  const replay = await startReplayOutlet({
    fullinfo: fixtureBytes('inlet', folder, 'tcp-fullinfo-response.bin'),
    feeds: feedBytes,
    splitSeed: 31,
    // Answer the recovery query with the recorded reply, its data port moved to the replay's port.
    udpReply: (query, port) =>
      recovery && query === recoveryText ? recovery.slice(recovery.indexOf('\n') + 1).replace(/<v4data_port>\d+<\/v4data_port>/, `<v4data_port>${port}</v4data_port>`) : undefined,
  });
  const info: StreamInfo = { ...resolved, v4address: '127.0.0.1', v4dataPort: replay.tcpPort };
  return { replay, info };
}

function reportedSamples(folder: string): { timestamps: number[]; frames: unknown[][] } {
  const samples = inletReport(folder).filter((e) => e.event === 'sample');
  return { timestamps: samples.map((s) => s.ts!), frames: samples.map((s) => s.v!) };
}

for (const folder of ['float32-minimal', 'double64-3ch', 'string-markers']) {
  test(`inlet/${folder}: accepted, with exactly the samples the liblsl inlet reported`, async () => {
    const want = reportedSamples(folder);
    const { replay, info } = await replayScenario(folder, 1);
    const inlet = new StreamInlet(info, { recover: false });
    try {
      await inlet.open();
      const got = flatten(await collect(inlet, want.timestamps.length), info.channelCount);
      assert.equal(got.timestamps.length, want.timestamps.length);
      got.timestamps.forEach((t, i) => assert.ok(sameBits(t, want.timestamps[i]), `sample ${i}: ${t} vs ${want.timestamps[i]}`));
      got.frames.forEach((f, i) => f.forEach((v, c) => assert.ok(sameBits(v, want.frames[i]![c]), `sample ${i} channel ${c}: ${String(v)} vs ${String(want.frames[i]![c])}`)));
    } finally {
      inlet.close();
      await replay.close();
    }
  });
}

test("our streamfeed request matches the liblsl inlet's field by field (names, order, values)", async () => {
  for (const folder of ['float32-recovery', 'float32-minimal', 'string-markers', 'double64-3ch']) {
    const { replay, info } = await replayScenario(folder, 1);
    const inlet = new StreamInlet(info, { recover: false });
    try {
      await inlet.open().catch(() => {});
      const ours = replay.requests[0]!.split('\r\n');
      const theirs = fixtureText('inlet', folder, 'tcp-streamfeed-request-1.bin').split('\r\n');
      assert.deepEqual(ours.map((l) => l.split(':')[0]), theirs.map((l) => l.split(':')[0]), folder);
      ours.forEach((line, i) => {
        if (line.startsWith('Endian-Performance:')) return; // liblsl measures its byte-swap speed; we send 0
        assert.equal(line, theirs[i], `${folder}: request line ${i}`);
      });
    } finally {
      inlet.close();
      await replay.close();
    }
  }
});

for (const [folder, message] of [
  ['reject-no-data-protocol-version', /Data-Protocol-Version is missing, expected 110/],
  ['reject-bad-test-pattern', /test-pattern sample 1 does not match/],
] as const) {
  test(`inlet/${folder}: refused like the liblsl inlet refused it, with the reason named`, async () => {
    const { replay, info } = await replayScenario(folder, 1);
    const inlet = new StreamInlet(info, { recover: false });
    try {
      await assert.rejects(inlet.open({ timeoutMs: 3000 }), message);
      assert.equal(inlet.available(), 0);
    } finally {
      inlet.close();
      await replay.close();
    }
  });
}

for (const folder of ['float32-recovery', 'float32-restart']) {
  test(`inlet/${folder}: a drop mid-sample is recovered by re-resolving, with the liblsl inlet's samples`, async () => {
    const want = reportedSamples(folder);
    const { replay, info } = await replayScenario(folder, 2);
    const inlet = new StreamInlet(info, { discoveryPort: replay.udpPort, scope: 'machine' });
    const events: string[] = [];
    inlet.on('lost', () => events.push('lost'));
    inlet.on('recovered', (i) => events.push(`recovered ${i.uid}`));
    try {
      await inlet.open();
      const got = flatten(await collect(inlet, want.timestamps.length), info.channelCount);
      assert.deepEqual(got.timestamps, want.timestamps);
      assert.deepEqual(got.frames, want.frames);
      const recoveryReply = fixtureText('inlet', folder, 'udp-recovery-reply.bin');
      const newUid = /<uid>([^<]+)<\/uid>/.exec(recoveryReply)![1]!;
      assert.deepEqual(events, ['lost', `recovered ${newUid}`]);
      assert.equal(inlet.info.uid, newUid);
      // The recovery query is liblsl's; the second request names the uid the recovery reply gave.
      assert.ok(replay.queries.includes(recoveryQuery(info)));
      assert.equal(replay.requests[1]!.split('\r\n')[0], fixtureText('inlet', folder, 'tcp-streamfeed-request-2.bin').split('\r\n')[0]);
    } finally {
      inlet.close();
      await replay.close();
    }
  });
}
