// The report's charts as Vega-Lite specs (rendered by render.ts): per-subject accuracy bars, the
// confusion matrix, training curves and the temporal salience profile. Each function takes plain
// numbers and returns a spec; nothing here reads files.
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentUnit } from '../protocols/experiment.js';
import { VIRIDIS_STOPS } from './colormap.js';

/** The label of a unit on a bar chart: its subject (and session or fold) when it has them. */
export function unitLabel(u: ExperimentUnit): string {
  return u.id.replace(/^subject /, 's').replace(/ \/ session /, ' / sess ').replace(/ \/ test session /, ' / test sess ');
}

/** Accuracy of every unit, grouped by band selection, with the chance level as a dashed rule. */
export function subjectBarsSpec(units: readonly ExperimentUnit[], chance: number, title: string): TopLevelSpec {
  const values = units.map((u) => ({ unit: unitLabel(u), bands: u.bands, accuracy: 100 * u.accuracy }));
  const order = [...new Set(values.map((v) => v.unit))];
  return {
    title, width: { step: Math.max(8, 40 / new Set(values.map((v) => v.bands)).size) } as never, height: 180,
    layer: [
      {
        data: { values }, mark: 'bar',
        encoding: {
          x: { field: 'unit', type: 'nominal', sort: order, title: null, axis: { labelAngle: -45 } },
          xOffset: { field: 'bands', type: 'nominal' },
          y: { field: 'accuracy', type: 'quantitative', title: 'test accuracy %', scale: { domain: [0, 100] } },
          color: { field: 'bands', type: 'nominal', title: 'bands' },
          tooltip: [{ field: 'unit' }, { field: 'bands' }, { field: 'accuracy', format: '.2f' }],
        },
      },
      { data: { values: [{ chance: 100 * chance }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#444' }, encoding: { y: { field: 'chance', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

/** A confusion matrix (rows = true class) as a heat map with the count or share printed in each cell. */
export function confusionSpec(matrix: readonly (readonly number[])[], classNames: readonly string[], normalised: boolean, title: string): TopLevelSpec {
  const values = matrix.flatMap((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v, j) => ({ truth: classNames[i]!, predicted: classNames[j]!, value: normalised ? (total ? v / total : 0) : v }));
  });
  const max = Math.max(...values.map((v) => v.value), 1e-9);
  const size = Math.max(120, 40 * classNames.length);
  return {
    title, width: size, height: size, data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: [...classNames], title: 'predicted', axis: { labelAngle: -30 } },
      y: { field: 'truth', type: 'nominal', sort: [...classNames], title: 'true class' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'value', type: 'quantitative', title: normalised ? 'share of row' : 'samples', scale: { range: [...VIRIDIS_STOPS], domain: [0, max] } } } },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'value', type: 'quantitative', format: normalised ? '.2f' : 'd' },
          color: { condition: { test: `datum.value > ${0.6 * max}`, value: 'black' }, value: 'white' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Loss and accuracy per epoch, training and validation: every unit faint, their mean bold. */
export function curvesSpec(units: readonly ExperimentUnit[], title: string): TopLevelSpec {
  const values = units.flatMap((u) => u.curves.flatMap((c) => [
    { unit: `${u.bands} ${u.id}`, epoch: c.epoch, split: 'training', loss: c.trainLoss, accuracy: c.trainAccuracy },
    ...(c.valLoss !== undefined ? [{ unit: `${u.bands} ${u.id}`, epoch: c.epoch, split: 'validation', loss: c.valLoss, accuracy: c.valAccuracy }] : []),
  ]));
  const panel = (field: 'loss' | 'accuracy') => ({
    width: 220, height: 160,
    layer: [
      { mark: { type: 'line', opacity: 0.2, strokeWidth: 1 }, encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field, type: 'quantitative', title: field }, color: { field: 'split', type: 'nominal', title: null }, detail: { field: 'unit' } } },
      { mark: { type: 'line', strokeWidth: 3 }, encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { aggregate: 'mean', field, type: 'quantitative', title: field }, color: { field: 'split', type: 'nominal', title: null } } },
    ],
  });
  return { title, data: { values }, hconcat: [panel('loss'), panel('accuracy')] } as TopLevelSpec;
}

/** Salience per time slice, one line per method, each scaled to sum 1 so their shapes compare. */
export function temporalSpec(profiles: { method: string; values: readonly number[] }[], title: string): TopLevelSpec {
  const values = profiles.flatMap((p) => {
    const sum = p.values.reduce((a, b) => a + b, 0) || 1;
    return p.values.map((v, t) => ({ method: p.method, slice: t + 1, share: v / sum }));
  });
  return {
    title, width: 260, height: 160, data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'slice', type: 'ordinal', title: 'time slice (1 = oldest window)' },
      y: { field: 'share', type: 'quantitative', title: 'share of salience' },
      color: { field: 'method', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}

/** Salience on a grid montage without scalp positions: one cell per node at its (row, col). */
export function gridSpec(nodes: readonly { name: string; row: number; col: number }[], values: readonly number[], title: string): TopLevelSpec {
  return {
    title, width: 200, height: 200,
    data: { values: nodes.map((n, i) => ({ row: n.row, col: n.col, name: n.name, value: values[i]! })) },
    mark: 'rect',
    encoding: {
      x: { field: 'col', type: 'ordinal', title: null }, y: { field: 'row', type: 'ordinal', title: null },
      color: { field: 'value', type: 'quantitative', title: 'salience', scale: { range: [...VIRIDIS_STOPS] } },
      tooltip: [{ field: 'name' }, { field: 'value', format: '.3g' }],
    },
  } as TopLevelSpec;
}
