// The report's HTML page: one self-contained file (inline SVG figures, inline CSS, no script and no
// network), one column per run so several runs sit side by side, each with the paper-style band
// table and its figures. Table cells carry the raw numbers in data-value for checking.
import { meanStd } from '../eval/metrics.js';
import type { ExperimentUnit } from '../protocols/experiment.js';
import { escapeXml } from './raster.js';
import type { RunData } from './run-data.js';

export interface RenderedFigure {
  id: string;
  title: string;
  caption: string;
  svg: string;
  /** Paths of the SVG and PNG copies, relative to the page. */
  files: { svg: string; png: string };
}

export interface RunSection {
  run: RunData;
  figures: RenderedFigure[];
  notes: string[];
}

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) : '–');

/** Share of the most frequent class in a unit's test part: what always guessing it would score. */
export function majorityBaseline(u: ExperimentUnit): number {
  const support = u.confusion.matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const total = support.reduce((a, b) => a + b, 0);
  return total ? Math.max(...support) / total : NaN;
}

function bandTable(run: RunData): string {
  const r = run.report;
  const chance = 1 / r.classNames.length;
  const rows = r.table.map((row) => {
    const own = r.units.filter((u) => u.bands === row.bands);
    const majority = meanStd(own.map(majorityBaseline)).mean;
    const cell = (m: { mean: number; std: number }, name: string) =>
      `<td data-field="${name}" data-mean="${m.mean}" data-std="${m.std}">${pct(m.mean)} ± ${pct(m.std)}</td>`;
    return `<tr data-bands="${escapeXml(row.bands)}"><th>${escapeXml(row.bands)}</th><td data-field="units">${row.units}</td>` +
      `${cell(row.accuracy, 'accuracy')}${cell(row.macroF1, 'macroF1')}<td data-field="chance">${pct(chance)}</td><td data-field="majority" data-value="${majority}">${pct(majority)}</td></tr>`;
  }).join('\n');
  return `<table class="bands" data-run="${escapeXml(run.label)}"><thead><tr><th>bands</th><th>units</th><th>accuracy % (mean ± std)</th><th>macro-F1 % (mean ± std)</th><th>chance %</th><th>majority class %</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function comparisonTable(runs: readonly RunData[]): string {
  const bands = [...new Set(runs.flatMap((r) => r.report.table.map((t) => t.bands)))];
  const head = runs.map((r) => `<th>${escapeXml(r.label)}<br><small>${escapeXml(r.report.protocol.id)}</small></th>`).join('');
  const body = bands.map((b) => `<tr><th>${escapeXml(b)}</th>${runs.map((r) => {
    const row = r.report.table.find((t) => t.bands === b);
    return row ? `<td>${pct(row.accuracy.mean)} ± ${pct(row.accuracy.std)}</td>` : '<td>–</td>';
  }).join('')}</tr>`).join('\n');
  return `<h2>Runs compared: test accuracy % (mean ± std over units)</h2><table class="compare"><thead><tr><th>bands</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function section(s: RunSection): string {
  const r = s.run.report;
  const status = r.complete
    ? ''
    : `<p class="incomplete" data-incomplete="true">Incomplete run: ${r.units.length} of ${r.plannedUnits} units finished. The numbers and figures cover the finished units only; run the same <code>strnn experiment</code> command again to resume.</p>`;
  const figures = s.figures.map((f) =>
    `<figure data-figure="${escapeXml(f.id)}"><div class="svg">${f.svg}</div><figcaption><b>${escapeXml(f.title)}.</b> ${escapeXml(f.caption)} ` +
    `<a href="${escapeXml(f.files.svg)}">SVG</a> · <a href="${escapeXml(f.files.png)}">PNG</a></figcaption></figure>`).join('\n');
  return `<section class="run">
<h2>${escapeXml(s.run.label)}</h2>
<p class="meta">dataset <b>${escapeXml(r.dataset.id)}</b> (${escapeXml(r.dataset.feature)}) · protocol <b>${escapeXml(r.protocol.id)}</b> — ${escapeXml(r.protocol.description)} · classes ${escapeXml(r.classNames.join(', '))} · strnn ${escapeXml(r.strnnVersion ?? 'unknown')}</p>
${status}${s.notes.map((n) => `<p class="note">${escapeXml(n)}</p>`).join('')}
${bandTable(s.run)}
<div class="figures">
${figures}
</div>
</section>`;
}

export function reportHtml(sections: readonly RunSection[], generated: string): string {
  const runs = sections.map((s) => s.run);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>strnn report: ${escapeXml(runs.map((r) => r.label).join(', '))}</title>
<style>
body { font-family: 'DejaVu Sans', Verdana, sans-serif; margin: 1.5em; color: #111; }
.runs { display: grid; grid-template-columns: repeat(${sections.length}, minmax(360px, 1fr)); gap: 2em; align-items: start; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: right; }
thead th { background: #eee; }
tbody th { text-align: left; }
.figures { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; align-items: flex-start; }
figure { margin: 0.5em 0; max-width: 100%; }
figure .svg svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.8em; color: #333; max-width: 28em; }
.incomplete { background: #fff3cd; border: 1px solid #d4a72c; padding: 0.5em; }
.note { color: #555; font-size: 0.85em; }
.meta { font-size: 0.9em; }
</style></head>
<body>
<h1>strnn report</h1>
<p class="meta">${escapeXml(generated)}</p>
${runs.length > 1 ? comparisonTable(runs) : ''}
<div class="runs">
${sections.map(section).join('\n')}
</div>
</body></html>
`;
}
