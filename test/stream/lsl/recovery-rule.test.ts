// Which stream an inlet reconnects to after its outlet went away (src/stream/lsl/inlet.ts, top): our
// outlets and inlet on 127.0.0.1 (scope `machine`), real sockets. Without a source_id the inlet takes a
// new outlet back only when it is the only stream with that name, type, channel count and format, and
// says what it waits for meanwhile ('waiting'); a restarted outlet with another rate, channel labels or
// channel count is never connected to ('changed'), and recovery goes on until the original returns.
// Names are unique per run, so outlets of other test files never match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveStreams, StreamInlet, StreamOutlet, type StreamInfo, type StreamInfoInput } from '../../../src/stream/lsl/index.js';

let serial = 0;
const unique = (what: string) => `strnn-test-${what}-${process.pid}-${Date.now()}-${serial++}`;

/** Events of one inlet, and a way to wait for one of them (on a loaded machine: wait for what happens, not for time). */
function watch(inlet: StreamInlet) {
  const events: Array<{ kind: string; text: string; info?: StreamInfo }> = [];
  const waiters = new Set<() => void>();
  const push = (e: { kind: string; text: string; info?: StreamInfo }) => {
    events.push(e);
    for (const w of [...waiters]) w();
  };
  inlet.on('lost', (why) => push({ kind: 'lost', text: why }));
  inlet.on('waiting', (why) => push({ kind: 'waiting', text: why }));
  inlet.on('recovered', (info) => push({ kind: 'recovered', text: info.uid, info }));
  inlet.on('changed', (info, why) => push({ kind: 'changed', text: why, info }));
  return {
    events,
    /** Resolves with the first event from index `from` on that satisfies `match`. */
    next(what: string, match: (e: (typeof events)[number]) => boolean, from: number, timeoutMs = 20_000) {
      return new Promise<(typeof events)[number]>((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${what}: not within ${timeoutMs} ms; events: ${JSON.stringify(events.map((e) => `${e.kind}: ${e.text}`), null, 1)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

async function startOutlet(info: StreamInfoInput): Promise<StreamOutlet> {
  const outlet = new StreamOutlet(info, { scope: 'machine' });
  await outlet.start();
  return outlet;
}

async function openInlet(query: { name?: string; sourceId?: string }): Promise<StreamInlet> {
  const [found] = await resolveStreams(query, { scope: 'machine', timeoutMs: 10_000 });
  assert.ok(found, `resolved ${JSON.stringify(query)}`);
  const inlet = new StreamInlet(found!, { scope: 'machine' });
  await inlet.open();
  return inlet;
}

/**
 * An inlet on a fresh outlet of `stream`, whose outlet then goes away: `body` runs once the inlet has
 * reported it lost; then the inlet and every outlet `body` adds to `outlets` are closed.
 */
async function withLostInlet(stream: StreamInfoInput, query: { name?: string; sourceId?: string }, body: (inlet: StreamInlet, w: ReturnType<typeof watch>, outlets: StreamOutlet[]) => Promise<void>): Promise<void> {
  const outlets: StreamOutlet[] = [];
  let inlet: StreamInlet | undefined;
  try {
    const first = await startOutlet(stream);
    outlets.push(first);
    inlet = await openInlet(query);
    const w = watch(inlet);
    await first.close();
    await w.next('lost', (e) => e.kind === 'lost', 0);
    await body(inlet, w, outlets);
  } finally {
    inlet?.close();
    for (const o of outlets) await o.close();
  }
}

/** Push one sample until the inlet has it (the consumer connects a moment after 'recovered'). */
async function receives(inlet: StreamInlet, outlet: StreamOutlet, value: number): Promise<number[]> {
  const cc = outlet.info.channelCount;
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    if (outlet.consumerCount > 0) outlet.pushSample(Array.from({ length: cc }, () => value), 1000 + value);
    const c = await inlet.nextChunk({ timeoutMs: 200 });
    if (c.count > 0) return Array.from(c.values as Float32Array).slice(0, cc);
  }
  assert.fail(`no sample from ${outlet.info.uid} within 10 s`);
}

test('without a source_id: no answer and two answers are waited out (saying why); the one stream that remains is reconnected to', { timeout: 60_000 }, async () => {
  const name = unique('nosid');
  const stream: StreamInfoInput = { name, type: 'EEG', channelCount: 3, nominalSrate: 100, channelLabels: ['C3', 'Cz', 'C4'] };
  const outlets: StreamOutlet[] = [];
  let inlet: StreamInlet | undefined;
  try {
    const first = await startOutlet(stream);
    outlets.push(first);
    inlet = await openInlet({ name });
    assert.equal(inlet.info.sourceId, '');
    const w = watch(inlet);
    await first.close();
    await w.next('lost', (e) => e.kind === 'lost', 0);
    const none = await w.next('waiting: none answers', (e) => e.kind === 'waiting', 0);
    assert.match(none.text, new RegExp(`^no source_id: waiting for exactly one stream named ${name} of type EEG with 3 float32 channels; none answers yet$`));

    // Two outlets with the same name, type, channel count and format: which one is "the" stream is unknowable.
    const [b, c] = [await startOutlet(stream), await startOutlet(stream)];
    outlets.push(b, c);
    const two = await w.next('waiting: two answer', (e) => e.kind === 'waiting' && /; 2 answer/.test(e.text), 0);
    assert.match(two.text, /^no source_id: waiting for exactly one stream named .* with 3 float32 channels; 2 answer \(uid .*, uid .*\): close all but one$/);
    assert.ok(two.text.includes(b.info.uid) && two.text.includes(c.info.uid), two.text);
    assert.equal(w.events.filter((e) => e.kind === 'recovered').length, 0, 'no reconnection while two streams match');
    assert.equal(inlet.connected, false);

    // One of them goes: the other is the only match and is taken back.
    const at = w.events.length;
    await c.close();
    const back = await w.next('recovered to the remaining outlet', (e) => e.kind === 'recovered' && e.text === b.info.uid, at);
    assert.deepEqual(back.info!.channelLabels, ['C3', 'Cz', 'C4'], 'the fullinfo of the new outlet (its labels)');
    assert.equal(inlet.info.uid, b.info.uid);
    assert.deepEqual(await receives(inlet, b, 7), [7, 7, 7]);
    assert.equal(w.events.filter((e) => e.kind === 'changed').length, 0);
  } finally {
    inlet?.close();
    for (const o of outlets) await o.close();
  }
});

test('with a source_id too, two restarted outlets sharing it are waited out (saying why) until one remains', { timeout: 60_000 }, async () => {
  const name = unique('twosid');
  const stream: StreamInfoInput = { name, type: 'EEG', channelCount: 2, nominalSrate: 100, sourceId: name, channelLabels: ['C3', 'C4'] };
  await withLostInlet(stream, { sourceId: name }, async (inlet, w, outlets) => {
    const [b, c] = [await startOutlet(stream), await startOutlet(stream)];
    outlets.push(b, c);
    const two = await w.next('waiting: two answer', (e) => e.kind === 'waiting' && /^2 streams with source_id/.test(e.text), 0);
    assert.match(two.text, new RegExp(`^2 streams with source_id ${name} answer \\(.*\\): waiting until all but one are closed$`));
    assert.ok(two.text.includes(b.info.uid) && two.text.includes(c.info.uid), two.text);
    assert.equal(w.events.filter((e) => e.kind === 'recovered').length, 0, 'no reconnection while two streams share the source_id');
    const at = w.events.length;
    await b.close();
    await w.next('recovered to the remaining outlet', (e) => e.kind === 'recovered' && e.text === c.info.uid, at);
    assert.deepEqual(await receives(inlet, c, 5), [5, 5]);
  });
});

test('a restarted outlet with other channel labels, or another channel count, is not connected to (changed); the original shape is', { timeout: 60_000 }, async () => {
  const name = unique('changed');
  const stream: StreamInfoInput = { name, type: 'EEG', channelCount: 3, nominalSrate: 100, sourceId: name, channelLabels: ['C3', 'Cz', 'C4'] };
  await withLostInlet(stream, { sourceId: name }, async (inlet, w, outlets) => {

    // Same source_id, name, type, count and format (liblsl's recovery query matches), other labels.
    const relabelled = await startOutlet({ ...stream, channelLabels: ['C3', 'Cz', 'Pz'] });
    outlets.push(relabelled);
    const labels = await w.next('changed: labels', (e) => e.kind === 'changed', 0);
    assert.equal(labels.info!.uid, relabelled.info.uid);
    assert.equal(labels.text, 'channel labels C3 Cz Pz (were C3 Cz C4)');
    assert.equal(inlet.connected, false);
    // Recovery goes on (about one attempt a second) but does not fetch that outlet's fullinfo again.
    await new Promise((r) => setTimeout(r, 3500));
    assert.equal(relabelled.fullinfoServed, 1, 'the changed outlet was asked for its fullinfo once');
    assert.equal(w.events.filter((e) => e.kind === 'changed').length, 1);
    await relabelled.close();

    // Five channels: liblsl's query (channel_count='3') no longer matches; found by source_id, name and type.
    let at = w.events.length;
    const wider = await startOutlet({ ...stream, channelCount: 5, nominalSrate: 250, channelLabels: ['C3', 'Cz', 'C4', 'P3', 'P4'] });
    outlets.push(wider);
    const count = await w.next('changed: channel count', (e) => e.kind === 'changed' && e.info?.uid === wider.info.uid, at);
    assert.equal(count.text, 'nominal rate 250 Hz (was 100 Hz), 5 channels (was 3), channel labels C3 Cz C4 P3 P4 (were C3 Cz C4)');
    assert.equal(inlet.connected, false);
    assert.equal(w.events.filter((e) => e.kind === 'recovered').length, 0);
    await wider.close();

    // The device as it was: recovery was still going, and takes it.
    at = w.events.length;
    const same = await startOutlet(stream);
    outlets.push(same);
    await w.next('recovered', (e) => e.kind === 'recovered' && e.text === same.info.uid, at);
    assert.deepEqual(await receives(inlet, same, 3), [3, 3, 3]);
    // Each changed outlet was reported once.
    assert.equal(w.events.filter((e) => e.kind === 'changed').length, 2, JSON.stringify(w.events));
  });
});
