// LSL:timedata clock correction: our probes are liblsl's bytes, the replies of the liblsl outlet and of
// the mock outlet a liblsl inlet accepted parse, the offset follows NTP's formula from the recorded clock
// readings, and against our own outlet (same clock) the measured offset is within its round trip of 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTimeProbe, parseTimeReply, timeOffsetOf } from '../../../src/stream/lsl/discovery-messages.js';
import { resolveStreams, StreamInlet, StreamOutlet } from '../../../src/stream/lsl/index.js';
import { fixtureBytes, fixtureText } from './fixtures.js';

test("our time probes are byte for byte the recorded client's and liblsl inlet's probes", () => {
  // Wave id and t0 as recorded (outlet/float32-seed62-sample, README table; inlet/float32-recovery probe 1).
  assert.equal(new TextDecoder().decode(formatTimeProbe('1804289383', 2495.293175501)), fixtureText('outlet', 'float32-seed62-sample', 'udp-timedata-probe-1.bin'));
  assert.equal(new TextDecoder().decode(formatTimeProbe('77', 123.25)), fixtureText('outlet', 'float32-seed62-sample', 'udp-timedata-probe-2.bin'));
  const liblsl = fixtureText('inlet', 'float32-recovery', 'udp-timedata-probe-1.bin');
  const [, wave, t0] = /^LSL:timedata\r\n(\S+) (\S+)\r\n$/.exec(liblsl)!;
  assert.equal(new TextDecoder().decode(formatTimeProbe(wave!, Number(t0))), liblsl);
});

test('recorded replies parse; the offset and round trip follow from the four clock readings', () => {
  const reply = parseTimeReply(fixtureBytes('outlet', 'float32-seed62-sample', 'udp-timedata-reply-1.bin'))!;
  assert.deepEqual(reply, { waveId: '1804289383', t0: 2495.293175501, t1: 2495.293256623, t2: 2495.29331925 });
  // Client clock at receipt, from the transcript README: 2495.293364114.
  const { offset, rtt } = timeOffsetOf(reply, 2495.293364114);
  assert.ok(Math.abs(offset - (2495.293175501 - 2495.293256623 + (2495.293364114 - 2495.29331925)) / 2) < 1e-12);
  assert.ok(Math.abs(rtt - (2495.293364114 - 2495.293175501 - (2495.29331925 - 2495.293256623))) < 1e-12);
  // The mock's replies without the leading space were accepted by liblsl; so are they by us.
  assert.ok(parseTimeReply(fixtureBytes('inlet', 'float32-minimal', 'udp-timedata-reply-1.bin')));
  assert.equal(parseTimeReply(new TextEncoder().encode(' 1 2 3')), undefined);
  assert.equal(parseTimeReply(new TextEncoder().encode(' 1 2 x 4')), undefined);
});

test('against our outlet on the same clock the offset is within the round trip of zero', async () => {
  const sourceId = `strnn-test-time-${process.pid}-${Date.now()}`;
  const outlet = new StreamOutlet({ name: 'time', channelCount: 1, nominalSrate: 10, sourceId }, { scope: 'machine' });
  await outlet.start();
  const [info] = await resolveStreams({ sourceId }, { scope: 'machine', timeoutMs: 3000 });
  const inlet = new StreamInlet(info!, { scope: 'machine' });
  try {
    const c = await inlet.measureTimeCorrection();
    assert.ok(c.uncertainty > 0 && c.uncertainty < 0.5, `round trip ${c.uncertainty}`);
    assert.ok(Math.abs(c.offset) <= c.uncertainty, `offset ${c.offset}, round trip ${c.uncertainty}`);
    await outlet.close();
    await assert.rejects(inlet.measureTimeCorrection({ timeoutMs: 300 }), /no answer to clock probes/);
  } finally {
    inlet.close();
    await outlet.close();
  }
});
