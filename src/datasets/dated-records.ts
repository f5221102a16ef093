// Listing EEG record files named `<subject>_<yyyymmdd>.mat` (SEED, SEED-IV): parse every name into a
// subject number and a date, refuse names that do not parse, sort subjects numerically and dates
// chronologically (never lexicographically: `10_...` sorts after `9_...`), and number each subject's
// files by the rank of their date, which is how SEED encodes the session.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StrnnError } from '../util/errors.js';

export interface DatedRecord {
  /** Full path of the .mat file. */
  path: string;
  file: string;
  subject: number;
  /** yyyymmdd as in the name. */
  date: string;
  /** 1-based rank of the date among this subject's files in the folder. */
  session: number;
  bytes: number;
  mtimeMs: number;
}

const NAME = /^(\d+)_(\d{8})\.mat$/;

/** Parses `<subject>_<yyyymmdd>.mat`; throws a StrnnError naming the file when it does not parse. */
export function parseRecordName(file: string, folder = '.'): { subject: number; date: string } {
  const m = NAME.exec(file);
  if (!m) {
    throw new StrnnError('INPUT', `${join(folder, file)}: file name does not look like <subject>_<yyyymmdd>.mat (e.g. 1_20131027.mat)`, 'move unrelated .mat files out of the dataset folder');
  }
  const subject = Number(m[1]);
  const date = m[2]!;
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(4, 6));
  const d = Number(date.slice(6, 8));
  const real = new Date(Date.UTC(y, mo - 1, d));
  if (subject < 1 || real.getUTCFullYear() !== y || real.getUTCMonth() !== mo - 1 || real.getUTCDate() !== d) {
    throw new StrnnError('INPUT', `${join(folder, file)}: subject ${m[1]} / date ${date} is not a positive subject number and a calendar date`);
  }
  return { subject, date };
}

/** Sorts records by subject number, then date (yyyymmdd compares chronologically as a number). */
export function sortRecords<T extends { subject: number; date: string }>(records: T[]): T[] {
  return records.sort((a, b) => a.subject - b.subject || Number(a.date) - Number(b.date));
}

/**
 * Lists the record files of one folder. Every `.mat` file except the names in `ignore` (e.g.
 * label.mat) must parse; other files (readme, .locs) are skipped. Two files of one subject with the
 * same date are refused (the session would be ambiguous).
 */
export function listDatedRecords(folder: string, ignore: readonly string[] = ['label.mat']): DatedRecord[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    throw new StrnnError('NOT_FOUND', `${folder}: folder not found or not readable`);
  }
  const records: DatedRecord[] = [];
  for (const file of entries) {
    if (!file.toLowerCase().endsWith('.mat') || ignore.includes(file)) continue;
    const { subject, date } = parseRecordName(file, folder);
    const path = join(folder, file);
    const st = statSync(path);
    records.push({ path, file, subject, date, session: 0, bytes: st.size, mtimeMs: st.mtimeMs });
  }
  sortRecords(records);
  let prev: DatedRecord | undefined;
  for (const r of records) {
    if (prev && prev.subject === r.subject && prev.date === r.date) {
      throw new StrnnError('INPUT', `${folder}: ${prev.file} and ${r.file} are the same subject and date; the session is ambiguous`);
    }
    r.session = prev && prev.subject === r.subject ? prev.session + 1 : 1;
    prev = r;
  }
  return records;
}
