// `strnn report`: reads run folders, builds every figure (charts.ts, salience-figures.ts), renders
// them to SVG and PNG under figures/ beside the HTML page, and writes the page (page.ts). Every file
// is written atomically; an incomplete run is drawn from its finished units and marked as such.
import { dirname, join, relative } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { StrnnError } from '../util/errors.js';
import { confusionSpec, curvesSpec, subjectBarsSpec } from './charts.js';
import { reportHtml, type RenderedFigure, type RunSection } from './page.js';
import { chartSvg, scopeSvgIds, svgToPng } from './render.js';
import { averageSalience, readRun, unitsOf, type RunData } from './run-data.js';
import { salienceFigures, type FigureSource } from './salience-figures.js';
import { strnnVersion } from '../util/version.js';

export interface ReportOptions {
  /** The HTML file; figures go to figures/ beside it. */
  out: string;
  /** Called after each figure is rendered. */
  onFigure?: (id: string, done: number, total: number) => void;
}

export interface ReportOutput {
  html: string;
  figures: string[];
  runs: number;
}

/** Sums confusion matrices (rows = true class). */
function sumConfusion(matrices: readonly (readonly number[])[][]): number[][] {
  return matrices[0]!.map((row, i) => row.map((_, j) => matrices.reduce((s, m) => s + m[i]![j]!, 0)));
}

/** The figures of one run, in page order, with the notes the page prints above them. */
export function runFigures(run: RunData, prefix: string): { sources: FigureSource[]; notes: string[] } {
  const r = run.report;
  const sources: FigureSource[] = [];
  const notes: string[] = [];
  if (r.units.length === 0) return { sources, notes: ['No unit has finished yet: nothing to draw.'] };
  const chance = 1 / r.classNames.length;
  sources.push({ id: `${prefix}subject-accuracy`, title: 'Per-unit test accuracy', caption: `Test accuracy of every unit (subject, session or fold) for each band selection; dashed line: chance (${(100 * chance).toFixed(1)} %).`, spec: subjectBarsSpec(r.units, chance, 'Per-unit test accuracy') });
  const selections = r.table.map((t) => t.bands).filter((b) => unitsOf(run, b).length > 0);
  // Face runs select pixels, not frequency bands: their one selection reads "all features".
  const faces = r.dataset.feature === 'patches';
  const what = (bands: string) => (faces ? (bands === 'all' ? 'all features' : `features ${bands}`) : `bands ${bands}`);
  for (const bands of selections) {
    const units = unitsOf(run, bands);
    const summed = sumConfusion(units.map((u) => u.confusion.matrix));
    sources.push({ id: `${prefix}confusion-${bands}`, title: `Confusion matrix, ${what(bands)}`, caption: `Test samples of all ${units.length} units summed; rows are true classes.`, spec: confusionSpec(summed, r.classNames, false, `Confusion (summed), ${bands}`) });
    sources.push({ id: `${prefix}confusion-normalised-${bands}`, title: `Row-normalised confusion matrix, ${what(bands)}`, caption: 'Each row divided by its total: the diagonal is each class\'s recall.', spec: confusionSpec(summed, r.classNames, true, `Confusion (row-normalised), ${bands}`) });
    sources.push({ id: `${prefix}curves-${bands}`, title: `Training curves, ${what(bands)}`, caption: 'Loss and accuracy per epoch on the training and validation samples; faint lines are single units, bold lines their mean.', spec: curvesSpec(units, `Training curves, ${bands}`) });
  }
  const missing = r.units.filter((u) => !run.salience.has(u.key)).length;
  if (missing > 0) notes.push(`${missing} of ${r.units.length} units have no salience.json (saved by strnn experiment since salience was added); salience figures use the others.`);
  selections.forEach((bands, i) => {
    const list = unitsOf(run, bands).flatMap((u) => run.salience.get(u.key) ?? []);
    if (list.length === 0) return;
    sources.push(...salienceFigures(averageSalience(list), `${prefix}salience-${bands}-`, what(bands), i === 0, ` Mean over ${list.length} unit(s).`));
  });
  return { sources, notes };
}

/** Draws one figure: our own SVG, or the Vega-Lite spec rendered. */
export async function renderFigure(f: FigureSource): Promise<string> {
  return 'svg' in f ? f.svg : chartSvg(f.spec);
}

/** Writes <dir>/<id>.svg and .png for each figure; returns them rendered, paths relative to `base`. */
export async function writeFigures(sources: readonly FigureSource[], dir: string, base: string, onFigure?: (id: string) => void): Promise<RenderedFigure[]> {
  const out: RenderedFigure[] = [];
  for (const f of sources) {
    const svg = await renderFigure(f);
    const svgPath = join(dir, `${f.id}.svg`);
    const pngPath = join(dir, `${f.id}.png`);
    writeFileAtomic(svgPath, svg);
    writeFileAtomic(pngPath, await svgToPng(svg));
    out.push({ id: f.id, title: f.title, caption: f.caption, svg: scopeSvgIds(svg, f.id), files: { svg: relative(base, svgPath), png: relative(base, pngPath) } });
    onFigure?.(f.id);
  }
  return out;
}

export async function writeReport(runDirs: readonly string[], o: ReportOptions): Promise<ReportOutput> {
  if (runDirs.length === 0) throw new StrnnError('USAGE', 'report needs at least one run folder', 'strnn report runs/seed-sd [runs/other ...]');
  const runs = runDirs.map(readRun);
  const base = dirname(o.out);
  const figuresDir = join(base, 'figures');
  const planned = runs.map((run, i) => ({ run, ...runFigures(run, runs.length > 1 ? `run${i + 1}-` : '') }));
  const total = planned.reduce((s, p) => s + p.sources.length, 0);
  let done = 0;
  const sections: RunSection[] = [];
  for (const p of planned) {
    const figures = await writeFigures(p.sources, figuresDir, base, (id) => o.onFigure?.(id, ++done, total));
    sections.push({ run: p.run, figures, notes: p.notes });
  }
  const generated = `Generated by strnn ${strnnVersion()} on ${new Date().toISOString()} from ${runDirs.join(', ')}.`;
  writeFileAtomic(o.out, reportHtml(sections, generated));
  return { html: o.out, figures: sections.flatMap((s) => s.figures.flatMap((f) => [join(base, f.files.svg), join(base, f.files.png)])), runs: runs.length };
}
