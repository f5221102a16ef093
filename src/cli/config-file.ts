// `--config exp.json`: a command's flags as JSON keys (camelCase 'valFraction' or kebab-case
// 'val-fraction'), or a results.json whose `config.flags` block (written by `strnn experiment`) is
// reused to rerun exactly. Values go through the same parsers and choices as the command line;
// flags given on the command line win over the file.
import { existsSync, readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { suggestName } from '../datasets/names.js';
import { StrnnError } from '../util/errors.js';
import type { Flags } from './command.js';
import { FLAGS, parseInRange, type FlagName, type NumericRange } from './options.js';

const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function flagValue(name: FlagName, value: unknown, where: string): unknown {
  const spec: { flags: string; range?: NumericRange; parse?: (v: string) => unknown; choices?: readonly string[] } = FLAGS[name];
  const takesValue = /[<[]/.test(spec.flags);
  if (!takesValue) {
    if (typeof value !== 'boolean') throw new StrnnError('USAGE', `${where}: expected true or false, found ${JSON.stringify(value)}`);
    return value;
  }
  if (spec.flags.includes('...')) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new StrnnError('USAGE', `${where}: expected a list of strings`);
    return value;
  }
  if (typeof value !== 'string' && typeof value !== 'number' && !(Array.isArray(value) && value.every((v) => typeof v === 'number' || typeof v === 'string'))) {
    throw new StrnnError('USAGE', `${where}: expected a string or number, found ${JSON.stringify(value)}`);
  }
  const text = Array.isArray(value) ? value.join(',') : String(value);
  if (spec.choices && !spec.choices.includes(text)) throw new StrnnError('USAGE', `${where}: '${text}' is not one of ${spec.choices.join(', ')}`);
  try {
    return spec.range ? parseInRange(spec.range)(text) : spec.parse ? spec.parse(text) : text;
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new StrnnError('USAGE', `${where}: ${e.message}`);
    throw e;
  }
}

/** The flags of a config file (see the file header), checked against the command's flag list. */
export function readConfigFlags(path: string, allowed: readonly FlagName[]): Flags {
  if (!existsSync(path)) throw new StrnnError('NOT_FOUND', `${path}: config file not found`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new StrnnError('USAGE', `${path}: not valid JSON: ${(e as Error).message}`);
  }
  let obj = raw as Record<string, unknown>;
  if (obj && typeof obj === 'object' && typeof obj.config === 'object' && obj.format !== undefined) obj = obj.config as Record<string, unknown>;
  if (obj && typeof obj === 'object' && typeof obj.flags === 'object' && obj.flags !== null) obj = obj.flags as Record<string, unknown>;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new StrnnError('USAGE', `${path}: expected a JSON object of flags, e.g. { "protocol": "loso", "epochs": 10 }`);
  const names: readonly FlagName[] = allowed.filter((n) => n !== 'config');
  const flags: Flags = {};
  for (const [key, value] of Object.entries(obj)) {
    const name = camel(key) as FlagName;
    if (!names.includes(name)) throw new StrnnError('USAGE', `${path}: key '${key}' is not a flag of this command${suggestName(key, names)}`, `flags: ${names.join(', ')}`);
    flags[name] = flagValue(name, value, `${path}: key ${key}`);
  }
  return flags;
}

/** Merges a --config file under the command-line flags: a key from the file applies unless that flag was given. */
export function mergeConfigFlags(f: Flags, given: ReadonlySet<string>, allowed: readonly FlagName[]): Flags {
  if (f.config === undefined) return f;
  const fromFile = readConfigFlags(f.config as string, allowed);
  const merged: Flags = { ...f };
  for (const [k, v] of Object.entries(fromFile)) if (!given.has(k)) merged[k] = v;
  return merged;
}

/** The flags to record for a rerun: every flag of the command with its value (not --config, and not --json, which only picks the output form). */
export function recordedFlags(f: Flags, allowed: readonly FlagName[]): Flags {
  return Object.fromEntries(allowed.filter((n) => n !== 'config' && n !== 'json' && f[n] !== undefined).map((n) => [n, f[n]]));
}
