// A dataset of the user's own recordings: a BIDS-EEG folder or a folder with a description
// (strnn.dataset.json, see dataset-description.ts). Three steps, as for the built-in datasets:
//   1. openRecordingDataset: find the description (or the BIDS layout) and the recording files;
//   2. listRecordingRecords: each file's subject and session (from the path pattern, the subjects
//      table or the BIDS names), its events.tsv / channels.tsv, sorted naturally;
//   3. scanRecordingDataset: read every recording, place its EEG channels, cut trials from its events
//      and label them; every problem found (no matching marker, unknown label, missing channel, a
//      band above Nyquist, a trial too short for T windows) is collected with the file it concerns.
// Sessions are numbered 1, 2, ... by their names' natural order within each subject.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RecordingEvent, RecordingFile } from '../formats/recording.js';
import { checkBands, type Band } from '../signal/bands.js';
import { StrnnError } from '../util/errors.js';
import { channelKey, matchChannels } from './channel-names.js';
import { placeChannels, type ChannelPlacement } from './channel-placement.js';
import { DESCRIPTION_FILE, matchesEvent, readDatasetDescription, parseDatasetDescription, type DatasetDescription } from './dataset-description.js';
import { globFiles, naturalOrder } from './path-glob.js';
import { readRecordingFile } from './recording-file.js';
import { hasValue, readTable } from './tsv.js';

/** Where a BIDS-EEG folder keeps its recordings (one of the four data formats BIDS-EEG allows). */
export const BIDS_EEG_GLOBS = ['sub-*/eeg/*_eeg.{edf,bdf,set,vhdr}', 'sub-*/ses-*/eeg/*_eeg.{edf,bdf,set,vhdr}'];
const BIDS_SUBJECT = /^sub-(?<subject>[^/_]+)\/(?:ses-(?<session>[^/_]+)\/)?/;
/** Label column of BIDS events.tsv files when neither the description nor --label-column names one. */
export const BIDS_DEFAULT_LABEL_COLUMN = 'trial_type';

export interface RecordingDatasetSource {
  root: string;
  layout: 'bids' | 'description';
  /** The description file, when there is one. */
  descriptionPath?: string;
  description: DatasetDescription;
}

export interface OpenOptions {
  /** Label column of events.tsv (BIDS); overrides the description's. */
  labelColumn?: string;
}

/** A folder (BIDS, or holding strnn.dataset.json) or a description file. */
export function openRecordingDataset(path: string, options: OpenOptions = {}): RecordingDatasetSource {
  if (!existsSync(path)) throw new StrnnError('NOT_FOUND', `${path}: no such folder or description file`);
  let root: string, descriptionPath: string | undefined;
  if (statSync(path).isDirectory()) {
    root = resolve(path);
    if (existsSync(join(root, DESCRIPTION_FILE))) descriptionPath = join(root, DESCRIPTION_FILE);
  } else {
    descriptionPath = resolve(path);
    root = dirname(descriptionPath);
  }
  let description: DatasetDescription = descriptionPath ? readDatasetDescription(descriptionPath) : {};
  const layout = description.files ? 'description' : 'bids';
  if (layout === 'bids' && (options.labelColumn || !description.label)) {
    const column = options.labelColumn ?? (description.label?.from === 'events-column' ? description.label.column : BIDS_DEFAULT_LABEL_COLUMN);
    description = parseDatasetDescription({ ...description, label: { from: 'events-column', column } }, descriptionPath ?? root);
  } else if (options.labelColumn) {
    description = parseDatasetDescription({ ...description, label: { from: 'events-column', column: options.labelColumn } }, descriptionPath ?? root);
  }
  return { root, layout, ...(descriptionPath && { descriptionPath }), description };
}

export interface RecordingRecord {
  path: string;
  /** '/'-separated path from the dataset root. */
  relative: string;
  subject: string;
  sessionName: string;
  /** 1-based rank of sessionName among the subject's sessions. */
  session: number;
  eventsTsv?: string;
  channelsTsv?: string;
}

/** The recording files of a dataset with subject and session, sorted by subject, session and path. */
export function listRecordingRecords(src: RecordingDatasetSource): RecordingRecord[] {
  const where = src.descriptionPath ?? src.root;
  const globs = src.description.files === undefined ? BIDS_EEG_GLOBS : [src.description.files].flat();
  const files = globFiles(src.root, globs);
  if (files.length === 0) {
    throw new StrnnError('INPUT', `${where}: no recording matches ${globs.join(' or ')}`,
      src.layout === 'bids' ? `a BIDS-EEG folder holds sub-*/[ses-*/]eeg/*_eeg.edf (or .bdf, .set, .vhdr); other layouts need a ${DESCRIPTION_FILE}` : 'check the "files" glob in the description');
  }
  const table = src.description.subjects ? readTable(join(src.root, src.description.subjects), ',', ['file', 'subject']) : undefined;
  const pattern = src.description.subject ? new RegExp(src.description.subject) : src.layout === 'bids' ? BIDS_SUBJECT : undefined;
  const records = files.map((relative) => {
    let subject: string | undefined, sessionName = '1';
    if (table) {
      const row = table.rows.find((r) => r.file === relative);
      if (!row) throw new StrnnError('INPUT', `${table.path}: no row for file '${relative}'; expected columns file,subject[,session]`);
      subject = row.subject;
      if (hasValue(row.session)) sessionName = row.session;
    } else if (pattern) {
      const m = pattern.exec(relative);
      if (!m?.groups?.subject) throw new StrnnError('INPUT', `${relative}: the path does not match the subject pattern ${pattern.source} (a named group 'subject' is needed)`, `key subject of ${where}`);
      subject = m.groups.subject;
      if (m.groups.session) sessionName = m.groups.session;
    } else {
      // No pattern, no table: each file's name (without extension) is its own subject.
      subject = basename(relative).replace(/\.[^.]+$/, '');
    }
    const path = join(src.root, relative);
    const stem = path.replace(/_eeg\.[^.]+$/, '');
    const eventsTsv = stem !== path && existsSync(`${stem}_events.tsv`) ? `${stem}_events.tsv` : undefined;
    const channelsTsv = stem !== path && existsSync(`${stem}_channels.tsv`) ? `${stem}_channels.tsv` : undefined;
    return { path, relative, subject, sessionName, session: 0, ...(eventsTsv && { eventsTsv }), ...(channelsTsv && { channelsTsv }) };
  });
  const sessionsOf = new Map<string, string[]>();
  for (const r of records) sessionsOf.set(r.subject, [...new Set([...(sessionsOf.get(r.subject) ?? []), r.sessionName])]);
  for (const r of records) r.session = sessionsOf.get(r.subject)!.sort(naturalOrder).indexOf(r.sessionName) + 1;
  return records.sort((a, b) => naturalOrder(a.subject, b.subject) || a.session - b.session || naturalOrder(a.relative, b.relative));
}

/** An event with, for BIDS events.tsv rows, every column of its row. */
export interface DatasetEvent extends RecordingEvent {
  columns?: Record<string, string>;
}

/** One labelled trial cut from a recording's events. */
export interface PlannedTrial {
  record: RecordingRecord;
  /** 1-based, in order within the subject-session. */
  trial: number;
  startSec: number;
  endSec: number;
  marker: string;
  labelText: string;
  /** Index into the dataset's class names; -1 while unknown (an error problem says why). */
  label: number;
  windows: number;
}

export interface DatasetProblem {
  severity: 'error' | 'warning';
  file: string;
  message: string;
}

export interface RecordingSummary {
  record: RecordingRecord;
  fsHz: number;
  seconds: number;
  /** Labels of the EEG channels used, in montage node order (empty when placing failed). */
  channels: string[];
  dropped: { label: string; reason: string }[];
}

export interface DatasetScan {
  source: RecordingDatasetSource;
  records: RecordingRecord[];
  recordings: RecordingSummary[];
  trials: PlannedTrial[];
  classNames: string[];
  /** The montage and channel order every recording is read in (the first recording's placement). */
  placement: ChannelPlacement;
  problems: DatasetProblem[];
}

export interface ScanOptions {
  /** Windows per sample; trials with fewer windows are reported. */
  T: number;
  windowSec: number;
  strideSec: number;
  /** The band table; a recording whose Nyquist frequency it does not fit below is reported. */
  bands: readonly Band[];
  /** Called with each recording while it is in memory (the feature loader computes features here). */
  onRecording?: (file: RecordingFile, summary: RecordingSummary, channelIndices: number[], trials: PlannedTrial[]) => void;
  /** Called after each recording (progress). */
  onProgress?: (path: string, done: number, total: number) => void;
}

function readEvents(record: RecordingRecord, file: RecordingFile): DatasetEvent[] {
  if (!record.eventsTsv) return file.events;
  const table = readTable(record.eventsTsv, '\t', ['onset']);
  return table.rows.map((row, i) => {
    const onsetSec = Number(row.onset);
    if (!Number.isFinite(onsetSec)) throw new StrnnError('INPUT', `${record.eventsTsv}: line ${i + 2}: onset '${row.onset}' is not a number of seconds`);
    const durationSec = hasValue(row.duration) ? Number(row.duration) : 0;
    if (!Number.isFinite(durationSec) || durationSec < 0) throw new StrnnError('INPUT', `${record.eventsTsv}: line ${i + 2}: duration '${row.duration}' is not a non-negative number of seconds`);
    const text = hasValue(row.trial_type) ? row.trial_type : hasValue(row.value) ? row.value : '';
    return { onsetSec, durationSec, text, columns: row };
  }).sort((a, b) => a.onsetSec - b.onsetSec);
}

/**
 * The recording's EEG channel labels: channels.tsv rows of type EEG (not marked bad), else the
 * reader's EEG channels; `excluded` lists the others with the reason.
 */
function eegLabels(record: RecordingRecord, file: RecordingFile): { labels: string[]; excluded: { label: string; reason: string }[] } {
  const excluded: { label: string; reason: string }[] = [];
  let labels: string[];
  if (record.channelsTsv) {
    const rows = readTable(record.channelsTsv, '\t', ['name', 'type']).rows;
    labels = [];
    for (const c of file.channels) {
      const row = rows.find((r) => r.name === c.label) ?? rows.find((r) => channelKey(r.name) === channelKey(c.label));
      if (!row) excluded.push({ label: c.label, reason: 'not listed in channels.tsv' });
      else if (row.type.toUpperCase() !== 'EEG') excluded.push({ label: c.label, reason: `type ${row.type} in channels.tsv` });
      else if (row.status?.toLowerCase() === 'bad') excluded.push({ label: c.label, reason: 'status bad in channels.tsv' });
      else labels.push(c.label);
    }
  } else {
    labels = [];
    for (const c of file.channels) {
      if (c.type === undefined || c.type.toUpperCase() === 'EEG') labels.push(c.label);
      else excluded.push({ label: c.label, reason: `a ${c.type} channel` });
    }
  }
  return { labels, excluded };
}

const markerList = (events: readonly DatasetEvent[]) => {
  const texts = [...new Set(events.map((e) => e.text))];
  return texts.length === 0 ? 'no events at all' : `found ${texts.slice(0, 8).map((t) => `'${t}'`).join(', ')}${texts.length > 8 ? ', ...' : ''}`;
};

interface LabelTable {
  path: string;
  byKey: Map<string, string>;
}

function labelKey(subject: string, session: string, trial: number): string {
  return `${subject}\u0000${session}\u0000${trial}`;
}

function readLabelTable(src: RecordingDatasetSource): LabelTable | undefined {
  const rule = src.description.label;
  if (rule?.from !== 'csv') return undefined;
  const table = readTable(join(src.root, rule.file), ',', ['subject', 'session', 'trial', 'label']);
  return { path: table.path, byKey: new Map(table.rows.map((r) => [labelKey(r.subject, r.session, Number(r.trial)), r.label])) };
}

/** Cuts one recording's trials (numbered from `firstTrial`) and reports what does not fit. */
function cutTrials(src: RecordingDatasetSource, record: RecordingRecord, events: DatasetEvent[], seconds: number, firstTrial: number, labels: LabelTable | undefined, problems: DatasetProblem[]): PlannedTrial[] {
  const d = src.description;
  const rule = d.label;
  const file = record.path;
  const column = rule?.from === 'events-column' ? rule.column : undefined;
  if (column !== undefined && !record.eventsTsv) {
    problems.push({ severity: 'error', file, message: `labels come from events.tsv column '${column}', but there is no ${basename(record.path).replace(/_eeg\.[^.]+$/, '')}_events.tsv next to it` });
    return [];
  }
  if (column !== undefined && events.length > 0 && !events.some((e) => e.columns && column in e.columns)) {
    problems.push({ severity: 'error', file: record.eventsTsv!, message: `no column '${column}' (label column); found ${Object.keys(events[0]!.columns ?? {}).join(', ')}` });
    return [];
  }
  const starts = events.filter((e) => (d.trials ? matchesEvent(d.trials.start, e.text) : column !== undefined && hasValue(e.columns?.[column])));
  if (starts.length === 0) {
    const what = d.trials ? `trials.start ${JSON.stringify(d.trials.start)}` : `a value in column '${column}'`;
    problems.push({ severity: 'error', file, message: `no event matches ${what}; ${markerList(events)}` });
    return [];
  }
  const trials: PlannedTrial[] = [];
  for (const e of starts) {
    const startSec = e.onsetSec + (d.trials?.offsetSec ?? 0);
    let endSec: number | undefined;
    if (d.trials?.durationSec !== undefined) endSec = startSec + d.trials.durationSec;
    else if (d.trials?.end !== undefined) {
      const end = events.find((x) => x !== e && x.onsetSec > e.onsetSec && matchesEvent(d.trials!.end!, x.text));
      endSec = end?.onsetSec;
    } else if (e.durationSec > 0) endSec = startSec + e.durationSec;
    const at = `event '${e.text}' at ${e.onsetSec.toFixed(3)} s`;
    if (endSec === undefined) {
      problems.push({ severity: 'error', file, message: `${at}: no end (${d.trials?.end ? `no later event matches trials.end ${JSON.stringify(d.trials.end)}` : 'the event has no duration; set trials.durationSec or trials.end'})` });
      continue;
    }
    if (startSec < 0 || endSec > seconds + 1e-9) {
      problems.push({ severity: 'error', file, message: `${at}: trial ${startSec.toFixed(3)}-${endSec.toFixed(3)} s lies outside the recording (0-${seconds.toFixed(3)} s)` });
      continue;
    }
    const trial = firstTrial + trials.length;
    let labelText: string | undefined;
    if (column !== undefined) labelText = e.columns?.[column];
    else if (rule?.from === 'csv') {
      labelText = labels!.byKey.get(labelKey(record.subject, record.sessionName, trial)) ?? labels!.byKey.get(labelKey(record.subject, String(record.session), trial));
      if (labelText === undefined) {
        problems.push({ severity: 'error', file: labels!.path, message: `no label for subject ${record.subject}, session ${record.sessionName}, trial ${trial} (${file}, ${at})` });
        continue;
      }
    } else {
      labelText = e.text;
      if (rule?.from === 'marker' && rule.pattern) {
        const m = new RegExp(rule.pattern).exec(e.text);
        if (!m) {
          problems.push({ severity: 'error', file, message: `${at}: the label does not parse: the marker does not match label.pattern /${rule.pattern}/` });
          continue;
        }
        labelText = m.groups?.label ?? m[1] ?? m[0];
      }
      if (rule?.from === 'marker' && rule.map) labelText = rule.map[labelText] ?? labelText;
    }
    if (!hasValue(labelText)) {
      problems.push({ severity: 'error', file, message: `${at}: empty label` });
      continue;
    }
    trials.push({ record, trial, startSec, endSec, marker: e.text, labelText, label: -1, windows: 0 });
  }
  return trials;
}

/** Reads every recording of the dataset and plans its trials (see the file header). */
export function scanRecordingDataset(src: RecordingDatasetSource, options: ScanOptions): DatasetScan {
  const records = listRecordingRecords(src);
  const labels = readLabelTable(src);
  const problems: DatasetProblem[] = [];
  const recordings: RecordingSummary[] = [];
  const trials: PlannedTrial[] = [];
  let placement: ChannelPlacement | undefined;
  const trialCount = new Map<string, number>();
  for (const record of records) {
    const file = readRecordingFile(record.path, src.description.stream ? { stream: src.description.stream } : {});
    const { labels: labelsEeg, excluded } = eegLabels(record, file);
    let indices: number[] = [];
    let channels: string[] = [];
    let dropped: { label: string; reason: string }[] = [];
    if (!placement) {
      placement = placeChannels(labelsEeg);
      if (placement.channels.length === 0) {
        problems.push({ severity: 'error', file: record.path, message: `no channel can be placed on the scalp map (${labelsEeg.length ? labelsEeg.join(', ') : 'no EEG channels'}); expected 10-20 / 10-10 names such as Fp1, C3, O2` });
      }
    }
    if (placement.channels.length > 0) {
      const match = matchChannels(placement.channels, labelsEeg);
      if (match.missing.length) {
        problems.push({ severity: 'error', file: record.path, message: `missing channel${match.missing.length > 1 ? 's' : ''} ${match.missing.join(', ')} (the dataset uses ${placement.channels.join(', ')}, from ${records[0]!.relative})` });
      } else {
        channels = match.indices.map((i) => labelsEeg[i]!);
        indices = channels.map((label) => file.channels.findIndex((c) => c.label === label));
      }
    }
    const unused = labelsEeg.filter((l) => !channels.includes(l)).map((label) => placement!.dropped.find((d) => d.label === label) ?? { label, reason: 'not among the dataset\'s channels' });
    dropped = [...excluded, ...unused];
    let rateFits = true;
    try {
      checkBands(options.bands, file.fsHz);
    } catch (e) {
      rateFits = false;
      problems.push({ severity: 'error', file: record.path, message: `sampled at ${file.fsHz} Hz: ${(e as Error).message}; choose bands below ${file.fsHz / 2} Hz (features.bands or --bands)` });
    }
    const seconds = file.samples / file.fsHz;
    const summary: RecordingSummary = { record, fsHz: file.fsHz, seconds, channels, dropped };
    recordings.push(summary);
    const key = `${record.subject}\u0000${record.session}`;
    const own = cutTrials(src, record, readEvents(record, file), seconds, (trialCount.get(key) ?? 0) + 1, labels, problems);
    trialCount.set(key, (trialCount.get(key) ?? 0) + own.length);
    for (const t of own) {
      const samples = Math.round(t.endSec * file.fsHz) - Math.round(t.startSec * file.fsHz);
      const length = Math.round(options.windowSec * file.fsHz);
      const stride = Math.round(options.strideSec * file.fsHz);
      t.windows = samples >= length ? Math.floor((samples - length) / stride) + 1 : 0;
      if (t.windows < options.T) {
        problems.push({ severity: 'warning', file: record.path, message: `trial ${t.trial} ('${t.marker}', ${(t.endSec - t.startSec).toFixed(2)} s) has ${t.windows} windows, fewer than T = ${options.T}: it gives no samples` });
      }
    }
    trials.push(...own);
    if (indices.length > 0 && rateFits) options.onRecording?.(file, summary, indices, own);
    options.onProgress?.(record.path, recordings.length, records.length);
  }
  const classNames = src.description.classes ?? [...new Set(trials.map((t) => t.labelText))].sort(naturalOrder);
  for (const t of trials) {
    t.label = classNames.indexOf(t.labelText);
    if (t.label < 0) problems.push({ severity: 'error', file: t.record.path, message: `trial ${t.trial} ('${t.marker}'): unknown label '${t.labelText}'; classes: ${classNames.join(', ')}` });
  }
  if (trials.length > 0 && new Set(trials.map((t) => t.label)).size < 2) {
    problems.push({ severity: 'error', file: src.descriptionPath ?? src.root, message: `every trial has the label '${trials[0]!.labelText}'; a classifier needs at least two classes` });
  }
  return { source: src, records, recordings, trials, classNames, placement: placement!, problems };
}

/** Throws the first error problem of a scan (with how many there are), so loaders refuse bad datasets. */
export function throwOnProblems(scan: DatasetScan): void {
  const errors = scan.problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0]!;
  throw new StrnnError('INPUT', `${first.file}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''}`,
    `run strnn dataset check --root ${scan.source.descriptionPath ?? scan.source.root} for the full list`);
}
