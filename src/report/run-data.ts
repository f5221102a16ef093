// Reads what `strnn experiment` (or `strnn demo`) left in a run folder for the report: results.json,
// and each unit's salience.json under units/<key>/ when present; averages salience over the units
// of one band selection (each unit counts once).
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Attribution, AttributionMaps } from '../model/attribution.js';
import type { ExperimentReport, ExperimentUnit } from '../protocols/experiment.js';
import type { UnitSalience } from '../protocols/unit-artifacts.js';
import { StrnnError } from '../util/errors.js';

export interface RunData {
  dir: string;
  /** Short name shown above the run's column: the folder name. */
  label: string;
  report: ExperimentReport;
  /** Salience of each unit that has one, by unit key. */
  salience: Map<string, UnitSalience>;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new StrnnError('INPUT', `${path}: not valid JSON (${(e as Error).message})`);
  }
}

export function readRun(dir: string): RunData {
  const path = join(dir, 'results.json');
  if (!existsSync(path)) {
    throw new StrnnError('NOT_FOUND', `${dir}: no results.json, so not a strnn run folder`, 'pass the --out folder of strnn experiment (results.json is written after the first finished unit)');
  }
  const report = readJson(path) as ExperimentReport;
  if (report?.format !== 'strnn-experiment/1' || !Array.isArray(report.units) || !Array.isArray(report.classNames)) {
    throw new StrnnError('INPUT', `${path}: format is ${JSON.stringify(report?.format)}, expected "strnn-experiment/1" with units and classNames`);
  }
  const salience = new Map<string, UnitSalience>();
  for (const u of report.units) {
    const file = join(dir, 'units', u.key, 'salience.json');
    if (existsSync(file)) salience.set(u.key, readJson(file) as UnitSalience);
  }
  return { dir, label: basename(resolve(dir)), report, salience };
}

function meanArrays(arrays: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(arrays[0]!.length).fill(0);
  for (const a of arrays) a.forEach((v, i) => (out[i]! += v / arrays.length));
  return out;
}

function meanMaps(maps: readonly AttributionMaps[]): AttributionMaps {
  const used = maps.filter((m) => m.samples > 0);
  const from = used.length ? used : maps;
  return {
    samples: maps.reduce((s, m) => s + m.samples, 0),
    node: meanArrays(from.map((m) => m.node)), feature: meanArrays(from.map((m) => m.feature)),
    time: meanArrays(from.map((m) => m.time)), nodeFeature: meanArrays(from.map((m) => m.nodeFeature)),
  };
}

function meanAttribution(list: readonly Attribution[]): Attribution {
  return {
    method: list[0]!.method,
    all: meanMaps(list.map((a) => a.all)),
    perClass: list[0]!.perClass.map((_, c) => meanMaps(list.map((a) => a.perClass[c]!))),
  };
}

/** Element-wise mean of every salience view over the given units' salience. */
export function averageSalience(list: readonly UnitSalience[]): UnitSalience {
  const first = list[0]!;
  return {
    ...first,
    projection: { node: meanArrays(list.map((s) => s.projection.node)), time: meanArrays(list.map((s) => s.projection.time)) },
    inputXGradient: meanAttribution(list.map((s) => s.inputXGradient)),
    integratedGradients: meanAttribution(list.map((s) => s.integratedGradients)),
    meanInput: meanArrays(list.map((s) => s.meanInput)),
  };
}

/** The units of one band selection, in results order. */
export function unitsOf(run: RunData, bands: string): ExperimentUnit[] {
  return run.report.units.filter((u) => u.bands === bands);
}
