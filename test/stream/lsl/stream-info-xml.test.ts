// Stream info XML against liblsl 1.17.7's own output: our writer reproduces its shortinfo and fullinfo
// byte for byte for the same fields, our reader takes liblsl's documents and the minimal one a liblsl
// inlet accepted, and refuses what liblsl's reader refuses, naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStreamInfoXml, parseStreamInfoXml } from '../../../src/stream/lsl/stream-info-xml.js';
import { fixtureText, recordedInfo } from './fixtures.js';

const OUTLETS = ['float32-seed62-sample', 'float32-seed62-chunk10', 'double64-8ch', 'int16-8ch', 'string-markers', 'int32-4ch'];

/** The XML of a UDP shortinfo reply (after its query-id line). */
function replyXml(folder: string, file = 'udp-shortinfo-reply-by-name.bin'): string {
  const text = fixtureText('outlet', folder, file);
  return text.slice(text.indexOf('\n') + 1);
}

for (const folder of OUTLETS) {
  test(`outlet/${folder}: our shortinfo and fullinfo equal liblsl's bytes for the same fields`, () => {
    const info = recordedInfo(folder);
    assert.equal(formatStreamInfoXml(info, false), replyXml(folder));
    assert.equal(formatStreamInfoXml(info, true), fixtureText('outlet', folder, 'tcp-fullinfo-response.bin'));
  });

  test(`outlet/${folder}: liblsl's fullinfo reads back to the recorded fields, labels and units`, () => {
    const want = recordedInfo(folder);
    const got = parseStreamInfoXml(fixtureText('outlet', folder, 'tcp-fullinfo-response.bin'), 'fixture');
    const { descXml, ...rest } = got;
    assert.deepEqual(rest, want);
    assert.equal(descXml === undefined, want.channelLabels === undefined);
    // The shortinfo has an empty desc: no labels.
    const short = parseStreamInfoXml(replyXml(folder), 'fixture');
    assert.equal(short.channelLabels, undefined);
    assert.equal(short.uid, want.uid);
  });
}

test('the minimal single-line info a liblsl inlet accepted (inlet/float32-minimal) reads with defaults', () => {
  const info = parseStreamInfoXml(fixtureText('inlet', 'float32-minimal', 'tcp-fullinfo-response.bin'), 'fixture');
  assert.equal(info.name, 'MockMin');
  assert.equal(info.channelCount, 2);
  assert.equal(info.nominalSrate, 50);
  assert.equal(info.channelFormat, 'float32');
  assert.equal(info.type, '');
  assert.equal(info.sourceId, '');
  assert.equal(info.v4dataPort, 16572);
  assert.equal(info.channelLabels, undefined);
});

test("liblsl's re-serialised XML (self-closing <v4address />) reads", () => {
  const line = fixtureText('inlet', 'string-markers', 'inlet-output.jsonl').split('\n')[1]!;
  const info = parseStreamInfoXml((JSON.parse(line) as { xml: string }).xml, 'fixture');
  assert.equal(info.v4address, '');
  assert.equal(info.name, 'MockMarkers');
  assert.equal(info.nominalSrate, 0);
});

test('names, entities and desc survive a round trip', () => {
  const info = { ...recordedInfo('int32-4ch'), name: 'a <b> & "c"', channelLabels: ['x&y', 'ü', '<', ''] };
  const back = parseStreamInfoXml(formatStreamInfoXml(info, true), 'round trip');
  assert.equal(back.name, info.name);
  assert.deepEqual(back.channelLabels, info.channelLabels);
});

test('bad info documents are refused with the field named', () => {
  const good = fixtureText('outlet', 'int32-4ch', 'tcp-fullinfo-response.bin');
  const cases: Array<[string, RegExp]> = [
    [good.replace('<channel_format>int32</channel_format>', '<channel_format>float16</channel_format>'), /<channel_format> is "float16"/],
    [good.replace('<channel_count>4</channel_count>', '<channel_count>four</channel_count>'), /<channel_count> is "four"/],
    [good.replace('<name>GoldenInt32</name>', '<name></name>'), /no <name>/],
    [good.replace(/<uid>[^<]*<\/uid>/, ''), /no <uid>/],
    [good.replace('</info>', ''), /malformed stream info XML/],
    [good.slice(0, 200), /malformed stream info XML/],
    ['<stream/>', /root element is <stream>/],
  ];
  for (const [xml, message] of cases) assert.throws(() => parseStreamInfoXml(xml, 'reply from 127.0.0.1:1'), message);
});
