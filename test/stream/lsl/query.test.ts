// Resolve queries: the text we send is what liblsl inlets send (from the transcripts), and an outlet's
// matching follows XPath's rules for the subset inlets use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recoveryQuery } from '../../../src/stream/lsl/inlet.js';
import { buildQueryText, matchesQuery, parseQuery } from '../../../src/stream/lsl/query.js';
import { formatStreamInfoXml, parseStreamInfoXml } from '../../../src/stream/lsl/stream-info-xml.js';
import { parseXml } from '../../../src/stream/lsl/xml.js';
import { fixtureText, recordedInfo } from './fixtures.js';

function queryLine(...path: string[]): string {
  return fixtureText(...path).split('\r\n')[1]!;
}

test("first resolve queries equal liblsl's (inlet transcripts) and the golden client's", () => {
  assert.equal(buildQueryText({ name: 'MockEEG' }), queryLine('inlet', 'float32-recovery', 'udp-query.bin'));
  assert.equal(buildQueryText({ type: 'Markers' }), queryLine('inlet', 'string-markers', 'udp-query.bin'));
  assert.equal(buildQueryText({ name: 'GoldenSEED62' }), queryLine('outlet', 'float32-seed62-sample', 'udp-shortinfo-query-by-name.bin'));
  assert.equal(buildQueryText({ type: 'EEG' }), queryLine('outlet', 'int16-8ch', 'udp-shortinfo-query-by-type.bin'));
});

test("the recovery query equals liblsl's (no session_id, no nominal_srate)", () => {
  const info = parseStreamInfoXml(fixtureText('inlet', 'float32-recovery', 'tcp-fullinfo-response.bin'), 'fixture');
  assert.equal(recoveryQuery(info), queryLine('inlet', 'float32-recovery', 'udp-recovery-query.bin'));
  const restart = parseStreamInfoXml(fixtureText('inlet', 'float32-restart', 'tcp-fullinfo-response.bin'), 'fixture');
  assert.equal(recoveryQuery(restart), queryLine('inlet', 'float32-restart', 'udp-recovery-query.bin'));
});

test('queries match the stream they name and not the no-such-stream query (as the liblsl outlet did)', () => {
  const tree = parseXml(formatStreamInfoXml(recordedInfo('float32-seed62-sample'), true), 'fixture');
  for (const file of ['udp-shortinfo-query-by-name.bin', 'udp-shortinfo-query-by-type.bin', 'udp-service-shortinfo-query.bin']) {
    assert.equal(matchesQuery(tree, queryLine('outlet', 'float32-seed62-sample', file)), true, file);
  }
  assert.equal(matchesQuery(tree, queryLine('outlet', 'float32-seed62-sample', 'udp-shortinfo-query-nomatch.bin')), false);
});

test('predicate subset: comparisons, numbers, and/or/not, functions, desc paths', () => {
  const tree = parseXml(formatStreamInfoXml(recordedInfo('float32-seed62-sample'), true), 'fixture');
  const cases: Array<[string, boolean]> = [
    ["name='GoldenSEED62' and type='EEG'", true],
    ["name='GoldenSEED62' and type='Markers'", false],
    ["name='x' or type='EEG'", true],
    ["not(type='EEG')", false],
    ['channel_count=62', true],
    ['channel_count>61 and channel_count<=62', true],
    ['channel_count>62', false],
    ["channel_count='62'", true],
    ["nominal_srate=200", true],
    ["nominal_srate='200'", false], // string compare against "200.0000000000000", as in XPath
    ["starts-with(name,'Golden')", true],
    ["contains(source_id,'seed62')", true],
    ["desc/channels/channel/label='CB2'", true],
    ["desc/channels/channel/label='T9'", false],
    ["name!='GoldenSEED62'", false],
    ["(name='a' or name='GoldenSEED62') and not(channel_format='string')", true],
    ['hostname', true],
    ['missing_field', false],
  ];
  for (const [q, want] of cases) assert.equal(matchesQuery(tree, q), want, q);
});

test('bad queries are refused with the position, quotes are chosen to fit', () => {
  assert.throws(() => parseQuery("name='x' and"), /LSL query "name='x' and": expected a condition/);
  assert.throws(() => parseQuery("name=='x'"), /unexpected "="/);
  assert.throws(() => parseQuery("name='x"), /cannot read it at character 5/);
  assert.throws(() => buildQueryText({ predicate: 'name=' }), /expected a field or a value/);
  assert.equal(buildQueryText({ name: "it's" }), `session_id='default' and name="it's"`);
  assert.throws(() => buildQueryText({ name: `'"` }), /both ' and "/);
  const tree = parseXml(formatStreamInfoXml({ ...recordedInfo('int32-4ch'), name: "it's" }, false), 'x');
  assert.equal(matchesQuery(tree, buildQueryText({ name: "it's" })), true);
  assert.equal(matchesQuery(tree, 'garbage (('), false);
});
