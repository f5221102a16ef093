// The dataset description `strnn.dataset.json`: how a folder of the user's own recordings becomes
// labelled trials. Validated with a zod schema; every error names the file and the key.
//
// {
//   "files": "sub-*/eeg/*.edf",                       glob(s) relative to the description's folder
//   "subject": "sub-(?<subject>[^/_]+)(?:/ses-(?<session>[^/_]+))?",  regex over the relative path
//   "subjects": "subjects.csv",                       or a table file,subject[,session]
//   "stream": "EEG",                                  XDF: the signal stream's name
//   "trials": { "start": { "regex": "^stim/" }, "end": "stim-end", "durationSec": 30 },
//   "label": { "from": "marker", "pattern": "^stim/(?<label>\\w+)$", "map": { "happy": "positive" } },
//            { "from": "events-column", "column": "trial_type" }   (BIDS *_events.tsv)
//            { "from": "csv", "file": "labels.csv" }              (columns subject,session,trial,label)
//   "classes": ["negative", "neutral", "positive"],
//   "features": { "bands": "seed", "windowSec": 1, "deMethod": "gaussian", "smoothing": "none", "T": 9, "stride": 1 }
// }
// Without "files" the folder is read as BIDS-EEG (sub-*/[ses-*/]eeg/*_eeg.{edf,bdf,set,vhdr}).
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { StrnnError } from '../util/errors.js';

/** Exact event text, or a regular expression over it. */
const matchSchema = z.union([z.string().min(1), z.object({ regex: z.string().min(1) }).strict()]);
export type EventMatch = z.infer<typeof matchSchema>;

const bandSchema = z.object({ name: z.string().min(1), lowHz: z.number().positive(), highHz: z.number().positive() }).strict();

const labelSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('marker'), pattern: z.string().min(1).optional(), map: z.record(z.string(), z.string()).optional() }).strict(),
  z.object({ from: z.literal('events-column'), column: z.string().min(1) }).strict(),
  z.object({ from: z.literal('csv'), file: z.string().min(1) }).strict(),
]);
export type LabelRule = z.infer<typeof labelSchema>;

export const datasetDescriptionSchema = z.object({
  name: z.string().min(1).optional(),
  files: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  subject: z.string().min(1).optional(),
  subjects: z.string().min(1).optional(),
  stream: z.string().min(1).optional(),
  trials: z.object({
    start: matchSchema,
    end: matchSchema.optional(),
    durationSec: z.number().positive().optional(),
    offsetSec: z.number().optional(),
  }).strict().optional(),
  label: labelSchema.optional(),
  classes: z.array(z.string().min(1)).min(2).optional(),
  features: z.object({
    bands: z.union([z.string().min(1), z.array(bandSchema).min(1)]).optional(),
    windowSec: z.number().positive().optional(),
    deMethod: z.enum(['gaussian', 'spectral']).optional(),
    smoothing: z.enum(['none', 'moving-average', 'lds']).optional(),
    T: z.number().int().positive().optional(),
    stride: z.number().int().positive().optional(),
  }).strict().optional(),
}).strict();

export type DatasetDescription = z.infer<typeof datasetDescriptionSchema>;

export const DESCRIPTION_FILE = 'strnn.dataset.json';

/** Validates a description object; `where` (the file) and the offending key go into the error. */
export function parseDatasetDescription(raw: unknown, where: string): DatasetDescription {
  const parsed = datasetDescriptionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.') || '(root)';
    const unknown = issue.code === 'unrecognized_keys' ? ` ${issue.keys.map((k) => `'${k}'`).join(', ')}` : '';
    throw new StrnnError('INPUT', `${where}: key ${key}: ${issue.message}${unknown}`, 'see the "Your own recordings" section of the README for the description format');
  }
  const d = parsed.data;
  if (d.subject && d.subjects) throw new StrnnError('INPUT', `${where}: keys subject and subjects: give the subject either as a path pattern or as a table, not both`);
  if (d.subject) checkRegExp(d.subject, `${where}: key subject`);
  if (d.label?.from === 'marker' && d.label.pattern) checkRegExp(d.label.pattern, `${where}: key label.pattern`);
  for (const k of ['start', 'end'] as const) {
    const m = d.trials?.[k];
    if (m && typeof m !== 'string') checkRegExp(m.regex, `${where}: key trials.${k}.regex`);
  }
  if (d.trials?.end && d.trials.durationSec) throw new StrnnError('INPUT', `${where}: keys trials.end and trials.durationSec: a trial ends at a marker or after a duration, not both`);
  if (d.files && !d.trials && d.label?.from !== 'events-column') {
    throw new StrnnError('INPUT', `${where}: key trials: missing; say which marker text starts a trial, e.g. "trials": { "start": { "regex": "^stim" }, "durationSec": 30 }`);
  }
  return d;
}

function checkRegExp(source: string, where: string): void {
  try {
    new RegExp(source);
  } catch (e) {
    throw new StrnnError('INPUT', `${where}: not a valid regular expression: ${(e as Error).message}`);
  }
}

/** Reads and validates a description file. */
export function readDatasetDescription(path: string): DatasetDescription {
  if (!existsSync(path)) throw new StrnnError('NOT_FOUND', `${path}: file not found`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new StrnnError('INPUT', `${path}: not valid JSON: ${(e as Error).message}`);
  }
  return parseDatasetDescription(raw, path);
}

/** True when an event's text matches the rule (exact text, or the regular expression). */
export function matchesEvent(rule: EventMatch, text: string): boolean {
  return typeof rule === 'string' ? text === rule : new RegExp(rule.regex).test(text);
}
