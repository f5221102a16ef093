// What `strnn dataset check` reports about a recording dataset: subjects and their sessions, trials
// per class, the channels used and dropped, the sampling rates, and every problem found by the scan
// (errors: no matching marker, unknown or unparsable labels, missing channels, bands above Nyquist;
// warnings: trials shorter than T windows). Reads the recordings but computes no features.
import { SEED_BANDS } from '../signal/bands.js';
import { parseBandTable } from './feature-tree.js';
import { openRecordingDataset, scanRecordingDataset, type DatasetProblem, type OpenOptions } from './recording-dataset.js';

export interface DatasetCheckReport {
  root: string;
  layout: 'bids' | 'description';
  description?: string;
  recordings: number;
  subjects: { subject: string; sessions: { session: number; name: string; recordings: number; trials: number }[] }[];
  classNames: string[];
  trialsPerClass: Record<string, number>;
  channels: string[];
  montage: { name: string; rows: number; cols: number; grid: string[] };
  dropped: { label: string; reason: string; recordings: number }[];
  ratesHz: Record<string, number>;
  T: number;
  problems: DatasetProblem[];
  errors: number;
  warnings: number;
}

export interface CheckOptions extends OpenOptions {
  T?: number;
  bands?: string;
}

/** Scans the dataset at `path` (folder or description file) and summarises it. */
export function checkRecordingDataset(path: string, options: CheckOptions = {}): DatasetCheckReport {
  const source = openRecordingDataset(path, options);
  const f = source.description.features ?? {};
  const bands = options.bands !== undefined ? parseBandTable(options.bands) : Array.isArray(f.bands) ? f.bands : typeof f.bands === 'string' ? parseBandTable(f.bands) : SEED_BANDS;
  const windowSec = f.windowSec ?? 1;
  const T = options.T ?? f.T ?? 9;
  const scan = scanRecordingDataset(source, { T, windowSec, strideSec: windowSec, bands });
  const subjects = new Map<string, Map<number, { session: number; name: string; recordings: number; trials: number }>>();
  for (const r of scan.records) {
    const sessions = subjects.get(r.subject) ?? new Map();
    subjects.set(r.subject, sessions);
    const s = sessions.get(r.session) ?? { session: r.session, name: r.sessionName, recordings: 0, trials: 0 };
    s.recordings++;
    sessions.set(r.session, s);
  }
  for (const t of scan.trials) subjects.get(t.record.subject)!.get(t.record.session)!.trials++;
  const trialsPerClass: Record<string, number> = Object.fromEntries(scan.classNames.map((c) => [c, 0]));
  for (const t of scan.trials) trialsPerClass[t.labelText] = (trialsPerClass[t.labelText] ?? 0) + 1;
  const dropped = new Map<string, { label: string; reason: string; recordings: number }>();
  for (const r of scan.recordings) {
    for (const d of r.dropped) {
      const k = `${d.label}\u0000${d.reason}`;
      dropped.set(k, { ...d, recordings: (dropped.get(k)?.recordings ?? 0) + 1 });
    }
  }
  const ratesHz: Record<string, number> = {};
  for (const r of scan.recordings) ratesHz[String(r.fsHz)] = (ratesHz[String(r.fsHz)] ?? 0) + 1;
  const m = scan.placement.montage;
  const cells = Array.from({ length: m.rows }, () => new Array<string>(m.cols).fill('-'));
  for (const n of m.nodes) cells[n.row]![n.col] = n.name;
  const width = Math.max(1, ...m.nodes.map((n) => n.name.length));
  const errors = scan.problems.filter((p) => p.severity === 'error').length;
  return {
    root: source.root, layout: source.layout, ...(source.descriptionPath && { description: source.descriptionPath }),
    recordings: scan.records.length,
    subjects: [...subjects].map(([subject, sessions]) => ({ subject, sessions: [...sessions.values()].sort((a, b) => a.session - b.session) })),
    classNames: scan.classNames, trialsPerClass, channels: scan.placement.channels,
    montage: { name: m.name, rows: m.rows, cols: m.cols, grid: m.nodes.length ? cells.map((row) => row.map((c) => c.padEnd(width)).join(' ').trimEnd()) : [] },
    dropped: [...dropped.values()], ratesHz, T, problems: scan.problems, errors, warnings: scan.problems.length - errors,
  };
}

/** The report as text, for the terminal. */
export function formatDatasetCheck(r: DatasetCheckReport): string {
  const lines = [
    `dataset: ${r.description ?? r.root} (${r.layout === 'bids' ? 'BIDS-EEG' : 'described'}): ${r.recordings} recording${r.recordings === 1 ? '' : 's'}, ${r.subjects.length} subject${r.subjects.length === 1 ? '' : 's'}`,
    ...r.subjects.map((s) => `  subject ${s.subject}: ${s.sessions.map((x) => `session ${x.session}${x.name !== String(x.session) ? ` (${x.name})` : ''} ${x.trials} trials`).join(', ')}`),
    `trials per class: ${r.classNames.map((c) => `${c} ${r.trialsPerClass[c] ?? 0}`).join(', ') || 'none'}`,
    `channels (${r.channels.length}, montage ${r.montage.name} on a ${r.montage.rows}x${r.montage.cols} grid): ${r.channels.join(' ')}`,
    ...r.montage.grid.map((row) => `  ${row}`),
    ...(r.dropped.length ? [`dropped: ${r.dropped.map((d) => `${d.label} (${d.reason})`).join(', ')}`] : []),
    `sampling rates: ${Object.entries(r.ratesHz).map(([hz, n]) => `${hz} Hz (${n} recording${n === 1 ? '' : 's'})`).join(', ')}`,
    ...(r.problems.length ? ['problems:', ...r.problems.map((p) => `  ${p.severity}: ${p.file}: ${p.message}`)] : []),
    `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'} (T = ${r.T} windows per sample)`,
  ];
  return lines.join('\n');
}
