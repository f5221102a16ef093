// Our outlet against the liblsl 1.17.7 outlet's recorded answers. An outlet with the fields of the
// recorded `GoldenMisc` stream gets the requests the recording's client (and liblsl inlets) sent, and
// must answer with the same bytes liblsl did, once the per-run fields (uid, created_at, ports) are
// substituted: shortinfo over UDP (shared discovery port and service port), fullinfo and shortinfo over
// TCP, every streamfeed request variant (big-endian, Max-Buffer-Length 0, no subnormals, wrong uid,
// version 2.10, minimal), time probes. Where liblsl falls back to protocol 1.00 we answer 505 (README).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { localClock, StreamOutlet, type StreamInfo } from '../../../src/stream/lsl/index.js';
import { fixtureBytes, fixtureJson, fixtureText } from './fixtures.js';
import { tcpExchange, udpExchange } from './net-helpers.js';

const GOLDEN_UID = '3e2b87b4-3a58-4d83-9493-dbd980d8d691';
const FOLDER = ['outlet', 'float32-misc-variants'] as const;
const FRAMES = fixtureJson<number[][]>('inputs', 'float32-misc-values.json');

let outlet: StreamOutlet;
let info: StreamInfo;

before(async () => {
  outlet = new StreamOutlet(
    { name: 'GoldenMisc', type: 'EEG', channelCount: 3, nominalSrate: 100, channelFormat: 'float32', sourceId: 'golden-misc', channelLabels: ['C3', 'C4', 'Cz'], units: ['microvolts', 'microvolts', 'microvolts'], channelTypes: ['EEG', 'EEG', 'EEG'] },
    { scope: 'machine', hostname: 'vm' },
  );
  info = await outlet.start();
});

after(() => outlet.close());

/** The recorded liblsl text with its per-run fields replaced by ours. */
function withOurFields(golden: string): string {
  return golden
    .replaceAll(GOLDEN_UID, info.uid)
    .replace(/<created_at>[^<]*<\/created_at>/, `<created_at>${info.createdAt.toPrecision(16)}</created_at>`)
    .replace(/<v4data_port>\d+<\/v4data_port>/, `<v4data_port>${info.v4dataPort}</v4data_port>`)
    .replace(/<v4service_port>\d+<\/v4service_port>/, `<v4service_port>${info.v4servicePort}</v4service_port>`);
}

/** A recorded UDP query with its returnPort line pointed at our test socket. */
function queryTo(file: string, ownPort: number): Uint8Array {
  const text = fixtureText(...FOLDER, file);
  return new TextEncoder().encode(text.replace(/\r\n\d+ (\d+)\r\n$/, `\r\n${ownPort} $1\r\n`));
}

test('UDP shortinfo on the service port: reply to the returnPort, liblsl bytes, query id echoed', async () => {
  const replies = await udpExchange((port) => queryTo('udp-shortinfo-query-by-name.bin', port), { address: '127.0.0.1', port: info.v4servicePort }, 300);
  assert.equal(replies.length, 1);
  assert.equal(replies[0]!.from.port, info.v4servicePort);
  assert.equal(replies[0]!.data.toString('utf8'), withOurFields(fixtureText(...FOLDER, 'udp-shortinfo-reply-by-name.bin')));
});

test('UDP shortinfo on the shared discovery port 16571 (loopback broadcast reaches every outlet there)', async () => {
  const replies = await udpExchange((port) => queryTo('udp-shortinfo-query-by-name.bin', port), { address: '127.255.255.255', port: 16571 }, 400);
  const ours = replies.filter((r) => r.data.toString('utf8').includes(info.uid));
  assert.equal(ours.length, 1);
  assert.equal(ours[0]!.from.port, 16571);
  assert.equal(ours[0]!.data.toString('utf8'), withOurFields(fixtureText(...FOLDER, 'udp-shortinfo-reply-by-name.bin')));
});

test('a query that does not match gets no reply; garbage datagrams are ignored and the outlet keeps answering', async () => {
  const nomatch = (port: number) => new TextEncoder().encode(`LSL:shortinfo\r\nsession_id='default' and name='no-such-stream'\r\n${port} 1\r\n`);
  assert.equal((await udpExchange(nomatch, { address: '127.0.0.1', port: info.v4servicePort }, 300)).length, 0);
  for (const garbage of ['', 'LSL:shortinfo', 'LSL:shortinfo\r\nname=\r\nnot a port\r\n', '\u0000\u00ff'.repeat(500), 'LSL:timedata\r\nx\r\n']) {
    assert.equal((await udpExchange(() => new TextEncoder().encode(garbage), { address: '127.0.0.1', port: info.v4servicePort }, 100)).length, 0);
  }
  const again = await udpExchange((port) => queryTo('udp-shortinfo-query-by-name.bin', port), { address: '127.0.0.1', port: info.v4servicePort }, 300);
  assert.equal(again.length, 1);
});

test('TCP fullinfo: liblsl bytes (desc with channels), then the outlet closes', async () => {
  const golden = fixtureText('outlet', 'int32-4ch', 'tcp-fullinfo-response.bin');
  const { bytes, closedByPeer } = await tcpExchange(info.v4dataPort, fixtureBytes(...FOLDER.slice(0, 1), 'int32-4ch', 'tcp-fullinfo-request.bin'));
  assert.equal(closedByPeer, true);
  // Same layout as liblsl's fullinfo of another stream: compare line by line with the values masked.
  const mask = (xml: string) => xml.replace(/>[^<\n]+</g, '>…<');
  const ourChannels = bytes.toString('utf8');
  assert.equal(mask(ourChannels).split('\n').slice(0, 20).join('\n'), mask(golden).split('\n').slice(0, 20).join('\n'));
  assert.match(ourChannels, /<channel>\n\t\t\t\t<label>C3<\/label>\n\t\t\t\t<unit>microvolts<\/unit>\n\t\t\t\t<type>EEG<\/type>\n\t\t\t<\/channel>/);
});

test('TCP shortinfo: the bare XML when the query matches, nothing when it does not; then close', async () => {
  const request = new TextEncoder().encode("LSL:shortinfo\r\nsession_id='default' and name='GoldenMisc'\r\n");
  const hit = await tcpExchange(info.v4dataPort, request);
  const reply = fixtureText(...FOLDER, 'udp-shortinfo-reply-by-name.bin');
  assert.equal(hit.bytes.toString('utf8'), withOurFields(reply.slice(reply.indexOf('\n') + 1)));
  assert.equal(hit.closedByPeer, true);
  const miss = await tcpExchange(info.v4dataPort, new TextEncoder().encode("LSL:shortinfo\r\nname='other'\r\n"));
  assert.equal(miss.bytes.length, 0);
  assert.equal(miss.closedByPeer, true);
});

/** Send a recorded streamfeed request (uid rewritten to ours), push the recorded frames once we are a consumer. */
async function streamfeed(variant: string, push: boolean) {
  const request = new TextEncoder().encode(fixtureText(...FOLDER, `tcp-streamfeed-${variant}-request.bin`).replace(GOLDEN_UID, info.uid));
  const golden = fixtureBytes(...FOLDER, `tcp-streamfeed-${variant}-response.bin`);
  const exchange = tcpExchange(info.v4dataPort, request, { enough: golden.length + 1, timeoutMs: push ? 1500 : 3000 });
  if (push) {
    assert.equal(await outlet.waitForConsumers(2000), true);
    FRAMES.forEach((frame, f) => outlet.pushSample(frame, 6000 + f / 100));
  }
  const { bytes, closedByPeer } = await exchange;
  while (outlet.consumerCount > 0) await new Promise((r) => setTimeout(r, 10));
  return { got: Buffer.from(bytes.toString('latin1').replaceAll(info.uid, GOLDEN_UID), 'latin1'), golden: Buffer.from(golden), closedByPeer };
}

for (const [variant, push] of [
  ['bigendian', true],
  ['minimal', true],
  ['maxbuf0', false],
  ['nosubnormals', false],
  ['dataprotocolversion100', false],
  ['wronguid', false],
  ['version210', false],
] as const) {
  test(`streamfeed request "${variant}": the same bytes the liblsl outlet sent`, async () => {
    const { got, golden, closedByPeer } = await streamfeed(variant, push);
    assert.equal(got.toString('hex'), golden.toString('hex'));
    if (!push) assert.equal(closedByPeer, true, 'the outlet closes after an error status or Max-Buffer-Length 0');
  });
}

for (const variant of ['valuesize8', 'legacy100', 'protocolversion100']) {
  test(`streamfeed request "${variant}" (liblsl falls back to protocol 1.00): 505, then close`, async () => {
    const request = new TextEncoder().encode(fixtureText(...FOLDER, `tcp-streamfeed-${variant}-request.bin`).replace(GOLDEN_UID, info.uid));
    const { bytes, closedByPeer } = await tcpExchange(info.v4dataPort, request);
    assert.equal(bytes.toString('latin1'), 'LSL/110 505 Version not supported');
    assert.equal(closedByPeer, true);
  });
}

test("the liblsl inlet's own request (inlet/float32-recovery) gets a 1.10 feed from a matching outlet", async () => {
  const liblslRequest = fixtureText('inlet', 'float32-recovery', 'tcp-streamfeed-request-1.bin').replace(/^LSL:streamfeed\/110 \S+/, `LSL:streamfeed/110 ${info.uid}`);
  // Its Max-Buffer-Length, Value-Size 4 and Supports-Subnormals 1 apply to our 3-channel float32 stream too.
  const { bytes } = await tcpExchange(info.v4dataPort, new TextEncoder().encode(liblslRequest), { enough: 131 + 2 * 21, timeoutMs: 2000 });
  const golden = fixtureBytes(...FOLDER, 'tcp-streamfeed-maxbuf0-response.bin');
  assert.equal(bytes.toString('latin1').replace(info.uid, GOLDEN_UID), Buffer.from(golden).toString('latin1'));
  while (outlet.consumerCount > 0) await new Promise((r) => setTimeout(r, 10));
});

test('garbage on the data port is dropped without an answer; the outlet keeps serving', async () => {
  for (const garbage of ['GET / HTTP/1.1\r\n\r\n', '\u00ff'.repeat(20000), 'LSL:streamfeed/110 x\r\nno colon here\r\n\r\n']) {
    const { bytes, closedByPeer } = await tcpExchange(info.v4dataPort, Buffer.from(garbage, 'latin1'));
    assert.equal(bytes.length, 0, JSON.stringify(garbage.slice(0, 20)));
    assert.equal(closedByPeer, true);
  }
  const { bytes } = await tcpExchange(info.v4dataPort, fixtureBytes(...FOLDER.slice(0, 1), 'int32-4ch', 'tcp-fullinfo-request.bin'));
  assert.match(bytes.toString('utf8'), /<name>GoldenMisc<\/name>/);
});

test("time probes (the recorded client's, to the service port): ' <waveId> <t0> <t1> <t2>' with our clock", async () => {
  for (const n of [1, 2, 3]) {
    const probe = fixtureBytes('outlet', 'float32-seed62-sample', `udp-timedata-probe-${n}.bin`);
    const [, wave, t0] = /^LSL:timedata\r\n(\S+) (\S+)\r\n$/.exec(Buffer.from(probe).toString('latin1'))!;
    const before = localClock();
    const replies = await udpExchange(() => probe, { address: '127.0.0.1', port: info.v4servicePort }, 150);
    const afterwards = localClock();
    assert.equal(replies.length, 1);
    const m = /^ (\S+) (\S+) (\S+) (\S+)$/.exec(replies[0]!.data.toString('latin1'));
    assert.ok(m, replies[0]!.data.toString('latin1'));
    assert.equal(m[1], wave);
    assert.equal(m[2], t0); // reprinted as received
    const t1 = Number(m[3]);
    const t2 = Number(m[4]);
    assert.ok(before - 1e-6 <= t1 && t1 <= t2 && t2 <= afterwards + 1e-6, `${before} <= ${t1} <= ${t2} <= ${afterwards}`);
    // The recorded liblsl reply has the same shape.
    assert.match(fixtureText('outlet', 'float32-seed62-sample', `udp-timedata-reply-${n}.bin`), /^ \S+ \S+ \d+\.\d+ \d+\.\d+$/);
  }
});
