import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { listMmiSessions, loadMmiTrials } from '../../src/datasets/mmi.js';
import { mmiApexFrame, parseMmiEmotion, parseMmiOao, parseMmiSessionXml } from '../../src/datasets/mmi-xml.js';
import { MMI_CLASSES } from '../../src/datasets/mmi-facts.js';
import { mmiPhases, writeSyntheticFaces } from '../../src/synthetic/faces.js';
import { decodeVideoGray, findFfmpeg } from '../../src/face/ffmpeg.js';
import { selectAroundApex } from '../../src/face/frames.js';
import { faceConfig, sequenceFeatures } from '../../src/face/preprocess.js';
import { detectSequenceEyes } from '../../src/face/detect-landmarks.js';
import { createFaceApiDetector } from '../../src/face/face-api-detector.js';

test('mmi xml: session view and subject, Emotion metatag, oao markers and the apex frame', () => {
  const session = '<?xml version="1.0"?>\n<session sessionId="7"><!-- <track view="2"> -->\n <subject id="12"/>\n <track id="0" view="1" fps="25"/></session>';
  assert.deepEqual(parseMmiSessionXml(session, 'session.xml'), { view: 1, subject: '12' });
  assert.throws(() => parseMmiSessionXml('<session/>', 'a/session.xml'), { message: 'a/session.xml: expected a <track view="0|1|2"> element, found none' });
  assert.throws(() => parseMmiSessionXml('<track view="front"/>', 's.xml'), { message: 's.xml: <track> attribute view: expected an integer, found "front"' });

  assert.equal(parseMmiEmotion('<Metadata><Metatag Name="Gender" Value="Male"/>\n<Metatag Name="Emotion" Value="4"/></Metadata>', 'm.xml'), 4);
  assert.equal(parseMmiEmotion('<Metadata><Metatag Name="Gender" Value="Male"/></Metadata>', 'm.xml'), undefined);

  const oao = `<ActionUnits>
    <ActionUnit Number="12"><Marker Frame="5" Type="1"/><Marker Frame="20" Type="2"/><Marker Frame="31" Type="3"/><Marker Frame="40" Type="0"/></ActionUnit>
    <ActionUnit Number="6"><Marker Frame="8" Type="1"/><Marker Frame="22" Type="2"/><Marker Frame="30" Type="3"/></ActionUnit>
    <ActionUnit Number="25"><Marker Frame="2" Type="1"/><Marker Frame="10" Type="2"/><Marker Frame="14" Type="3"/></ActionUnit>
    <ActionUnit Number="7"><Marker Frame="3" Type="1"/></ActionUnit>
  </ActionUnits>`;
  const units = parseMmiOao(oao, 'x-oao_aucs.xml');
  assert.deepEqual(units.map((u) => u.au), ['12', '6', '25', '7']);
  assert.deepEqual(units[0]!.markers, [{ frame: 5, type: 1 }, { frame: 20, type: 2 }, { frame: 31, type: 3 }, { frame: 40, type: 0 }]);
  // apex-phase middles: floor((20+31)/2) = 25, (22+30)/2 = 26, (10+14)/2 = 12; AU 7 has no apex; median 25
  assert.equal(mmiApexFrame(units), 25);
  assert.equal(mmiApexFrame(units.slice(3)), undefined);
  assert.throws(() => parseMmiOao('<Marker Frame="3" Type="1"/>', 'o.xml'), { message: 'o.xml: <Marker> outside an <ActionUnit> element' });
  assert.throws(() => parseMmiOao('<ActionUnit Number="1"><Marker Frame="0" Type="1"/></ActionUnit>', 'o.xml'), /expected Frame >= 1 and Type 0\.\.3/);
});

test('mmi: synthetic sessions list, decode, and give apex-centred trials; non-frontal views skipped', { skip: findFfmpeg() === undefined ? 'no ffmpeg binary' : false }, async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'mmi');
    const summary = await writeSyntheticFaces('mmi', root, { subjects: 2, sequencesPerSubject: 2, frames: [12, 14], seed: 3 });
    assert.deepEqual([summary.sequences, summary.labelled], [4, 4]);
    const sessions = listMmiSessions(root);
    assert.deepEqual(sessions.map((s) => [s.id, s.sid, s.subject, s.view, s.emotion]), [
      ['1', 'S001-001', 'S001', 0, 1], ['2', 'S001-002', 'S001', 0, 2], ['3', 'S002-001', 'S002', 0, 3], ['4', 'S002-002', 'S002', 0, 4],
    ]);
    const s0 = sessions[0]!;
    const frames = await decodeVideoGray(s0.video);
    assert.deepEqual([frames.length >= 12, frames[0]!.width, frames[0]!.height], [true, 720, 576]);
    const ph = mmiPhases(frames.length);
    assert.equal(s0.apexFrame, Math.floor((ph.apex + ph.offset) / 2));

    const stats = { hits: 0, misses: 0 };
    const trials = await loadMmiTrials(root, { preprocess: { T: 3 }, alignment: 'centred-crop', stats });
    assert.deepEqual(trials.map((t) => [t.subject, t.trial, t.label, t.apexSource, t.alignment]), [
      ['S001', 1, 0, 'oao', 'centred-crop'], ['S001', 2, 1, 'oao', 'centred-crop'], ['S002', 3, 2, 'oao', 'centred-crop'], ['S002', 4, 3, 'oao', 'centred-crop'],
    ]);
    assert.equal(MMI_CLASSES[trials[3]!.label], 'happy');
    // features = the pipeline on the 3 frames centred on the apex, centred-crop fallback (no landmarks)
    const idx = selectAroundApex(frames.length, 3, s0.apexFrame! - 1);
    assert.deepEqual(idx, [s0.apexFrame! - 2, s0.apexFrame! - 1, s0.apexFrame!]);
    assert.deepEqual(trials[0]!.data, sequenceFeatures(idx.map((i) => frames[i]!), [undefined, undefined, undefined], faceConfig({ T: 3 })));
    assert.deepEqual(stats, { hits: 0, misses: 4 });
    await loadMmiTrials(root, { preprocess: { T: 3 }, alignment: 'centred-crop', stats });
    assert.deepEqual(stats, { hits: 4, misses: 4 });

    // a profile view is skipped by default and kept when asked for; no Emotion tag = unlabelled
    const xml = join(s0.dir, 'session.xml');
    writeFileSync(xml, readFileSync(xml, 'utf8').replace('view="0"', 'view="1"'));
    writeFileSync(join(sessions[1]!.dir, 'S001-002.xml'), '<Metadata><Metatag Name="Frames" Value="12"/></Metadata>');
    assert.deepEqual((await loadMmiTrials(root, { preprocess: { T: 3 }, alignment: 'centred-crop' })).map((t) => t.trial), [3, 4]);
    assert.deepEqual((await loadMmiTrials(root, { preprocess: { T: 3 }, alignment: 'centred-crop', views: [0, 1] })).map((t) => t.trial), [1, 3, 4]);
    await assert.rejects(loadMmiTrials(root, { preprocess: { T: 3 }, alignment: 'centred-crop', ffmpeg: '/nonexistent/ffmpeg', cache: false }), /ffmpeg binary \/nonexistent\/ffmpeg does not exist/);
    await assert.rejects(loadMmiTrials(root, { alignment: 'eyes' as 'landmarks' }), /unknown MMI alignment 'eyes'/);
  });
});

test('mmi: by default each sequence is aligned by the eyes face-api finds on its apex frame; none found -> centred crop, recorded and warned', { skip: findFfmpeg() === undefined ? 'no ffmpeg binary' : false }, async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'mmi');
    await writeSyntheticFaces('mmi', root, { subjects: 2, sequencesPerSubject: 2, frames: [12, 14], seed: 3 });
    const sessions = listMmiSessions(root);
    const cfg = faceConfig({ T: 3 });
    const detector = createFaceApiDetector();
    const warnings: string[] = [];
    const trials = await loadMmiTrials(root, { preprocess: { T: 3 }, cache: false, onWarning: (m) => warnings.push(m) });
    assert.equal(trials.length, 4);
    for (const [k, t] of trials.entries()) {
      const frames = await decodeVideoGray(sessions[k]!.video);
      const idx = selectAroundApex(frames.length, 3, t.apex);
      // the same detector on the recorded frame gives the eyes every frame was aligned by
      const expected = await detectSequenceEyes(idx.map((i) => frames[i]!), idx.indexOf(t.apex), detector);
      assert.equal(t.alignment, expected.alignment, `${sessions[k]!.video}`);
      if (t.alignment === 'landmarks') assert.equal(t.landmarkFrame, idx[expected.landmarkFrame!]);
      assert.deepEqual(t.data, sequenceFeatures(idx.map((i) => frames[i]!), expected.eyes, cfg));
    }
    // the drawn faces are found on most sequences (not every one: the detector was trained on photos)
    assert.ok(trials.some((t) => t.alignment === 'landmarks'), `alignments: ${trials.map((t) => t.alignment).join(', ')}`);
    assert.deepEqual(warnings, trials.flatMap((t, k) => t.alignment === 'centred-crop-no-face' ? [`${sessions[k]!.video}: no face found on the apex, first or last of the 3 selected frames; using the centred crop`] : []));

    // a detector that never finds a face: every sequence falls back, says so, and equals the centred crop
    const blind = { id: 'blind', detect: async () => undefined };
    warnings.length = 0;
    const fallback = await loadMmiTrials(root, { preprocess: { T: 3 }, detector: blind, onWarning: (m) => warnings.push(m) });
    assert.deepEqual(fallback.map((t) => [t.alignment, t.landmarkFrame]), Array(4).fill(['centred-crop-no-face', undefined]));
    assert.equal(warnings.length, 4);
    assert.match(warnings[0]!, /S001-001\.avi: no face found on the apex, first or last of the 3 selected frames; using the centred crop$/);
    const centred = await loadMmiTrials(root, { preprocess: { T: 3 }, alignment: 'centred-crop' });
    assert.deepEqual(fallback.map((t) => t.data), centred.map((t) => t.data));
    assert.deepEqual(centred.map((t) => t.alignment), Array(4).fill('centred-crop'));
    // the cache keeps the alignment record: a second load reads it back without detecting again
    const again = await loadMmiTrials(root, { preprocess: { T: 3 }, detector: blind, onWarning: (m) => warnings.push(m) });
    assert.deepEqual(again.map((t) => t.alignment), fallback.map((t) => t.alignment));
    assert.equal(warnings.length, 4);
  });
});

test('mmi: a root without Sessions/ is refused naming the expected folder', async () => {
  await withTempDir(async (dir) => {
    assert.throws(() => listMmiSessions(dir), { message: `${dir}: no MMI Sessions folder (expected ${join(dir, 'Sessions')})` });
  });
});
