// The user's own recordings as a registry dataset, so `strnn experiment --dataset DIR-or-FILE.json`
// and runExperiment treat them like SEED or DEAP: the id is the folder or description path, the
// class names, montage and band names come from loading it, and the cache key covers every file
// read (recordings, events.tsv, channels.tsv, label tables, the description).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatasetEntry, DatasetLoadOptions, SourceFile } from './registry.js';
import { listRecordingRecords, openRecordingDataset } from './recording-dataset.js';
import { RECORDING_FEATURES, loadRecordingDataset, type LoadedRecordingDataset, type RecordingLoadOptions } from './recording-features.js';

/** True when a --dataset value names a folder or a description file rather than a built-in id. */
export function isRecordingDatasetPath(value: string): boolean {
  return existsSync(value) && (statSync(value).isDirectory() || value.toLowerCase().endsWith('.json'));
}

function loadOptions(options: DatasetLoadOptions): RecordingLoadOptions {
  return {
    ...(options.feature !== undefined && { feature: options.feature }), ...(options.labelColumn !== undefined && { labelColumn: options.labelColumn }),
    ...(options.bandTable !== undefined && { bands: options.bandTable }), ...(options.T !== undefined && { T: options.T }),
  };
}

/** One line per dropped channel (with the number of recordings it was dropped from) and per warning. */
export function droppedNotices(loaded: LoadedRecordingDataset): string[] {
  const count = new Map<string, number>();
  for (const r of loaded.scan.recordings) for (const d of r.dropped) count.set(`${d.label} (${d.reason})`, (count.get(`${d.label} (${d.reason})`) ?? 0) + 1);
  return [
    ...[...count].map(([what, n]) => `dropped channel ${what}${n > 1 ? ` in ${n} recordings` : ''}`),
    ...loaded.scan.problems.filter((p) => p.severity === 'warning').map((p) => `warning: ${p.file}: ${p.message}`),
  ];
}

/** The description's `features.T` and `features.stride`, which experiments use when no flag overrides them. */
export function describedSampling(path: string): { T?: number; stride?: number } {
  const f = openRecordingDataset(path).description.features ?? {};
  return { ...(f.T !== undefined && { T: f.T }), ...(f.stride !== undefined && { stride: f.stride }) };
}

const entries = new Map<string, DatasetEntry>();

/** The registry entry of the recording dataset at `path` (one per path; loads are memoised per options). */
export function recordingDatasetEntry(path: string): DatasetEntry {
  const key = resolve(path);
  const known = entries.get(key);
  if (known) return known;
  const loads = new Map<string, LoadedRecordingDataset>();
  const load = (options: DatasetLoadOptions): LoadedRecordingDataset => {
    const opts = loadOptions(options);
    const k = JSON.stringify(opts);
    let loaded = loads.get(k);
    if (!loaded) {
      loaded = loadRecordingDataset(path, opts);
      loads.set(k, loaded);
    }
    return loaded;
  };
  const entry: DatasetEntry = {
    id: path,
    description: `your recordings in ${path}`,
    features: RECORDING_FEATURES,
    defaultFeature: 'de',
    defaultProtocol: 'loso',
    featureNames: (options) => load(options).pipeline.bands.map((b) => b.name),
    classNames: (options) => load(options).classNames,
    montage: (options) => load(options).montage,
    loadTrials: (_root, options) => Promise.resolve(load(options).trials),
    notices: (options) => droppedNotices(load(options)),
    sourceFiles(_root, options) {
      const source = openRecordingDataset(path, loadOptions(options));
      const files = listRecordingRecords(source).flatMap((r) => [r.path, r.eventsTsv, r.channelsTsv]);
      const d = source.description;
      files.push(source.descriptionPath, d.subjects && join(source.root, d.subjects), d.label?.from === 'csv' ? join(source.root, d.label.file) : undefined);
      return files.filter((f): f is string => f !== undefined).map((f): SourceFile => {
        const st = statSync(f);
        return { path: f, bytes: st.size, mtimeMs: st.mtimeMs };
      });
    },
  };
  entries.set(key, entry);
  return entry;
}
