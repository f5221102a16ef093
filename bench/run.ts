// `npm run bench`: strnn against an independent PyTorch implementation of the same spec
// (bench/pytorch/strnn_torch.py, Debian's python3-torch on OpenBLAS, run by /usr/bin/python3).
//
// 1. Equivalence first: a seeded random strnn checkpoint and random inputs (.npy) go to both sides;
//    class probabilities, one training step's loss and every gradient must agree, else exit 1.
// 2. Cases, each side in its own process per case (so peak RSS is the case's own), medians of
//    several timed runs after warm-up, the best median of `rounds` alternating rounds (the machine is
//    shared, a burst of load should not decide a ratio): training step at SEED defaults (1 and 2
//    threads), batched (B = 256) and single-sample inference, a full subject-session training run,
//    the face configuration, scaling in N and T, and strnn's achieved GFLOP/s against the measured
//    single-thread OpenBLAS matmul peak. Then the LSL inlet's throughput on loopback (bench/lsl-inlet.ts)
//    and the live pipeline (bench/live.ts): per-window latency to a published prediction, file replay.
// 3. Tables to stdout and, written atomically, to bench/RESULTS.md, with PASS/MISS per target.
//
// PyTorch threads: torch.set_num_threads(n) with OpenBLAS pinned to 1 thread (and, at 2 threads, also
// to 2; PyTorch's best counts). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the PyTorch
// processes only, so OpenBLAS picks its kernel for this CPU itself; the kernel it chose is reported.
//
// Run: npm run bench [-- --quick]   (node dist/bench/run.js [--quick] [--out FILE])
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { windowTrials } from '../src/datasets/samples.js';
import { syntheticSeedTrials } from '../src/synthetic/seed.js';
import { loadCheckpoint, saveCheckpoint } from '../src/formats/checkpoint.js';
import { writeNpy } from '../src/formats/npy.js';
import { referenceBackend } from '../src/kernels/ref/index.js';
import { createBackend } from '../src/kernels/select.js';
import { makeConfig, type StrnnConfig, type StrnnConfigInput } from '../src/model/config.js';
import { StrnnModel } from '../src/model/model.js';
import { gridMontage, type Montage } from '../src/montage/montage.js';
import { SEED_62 } from '../src/montage/seed62.js';
import { fitNormalization, normalized } from '../src/train/normalize.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { StrnnError } from '../src/util/errors.js';
import { Rng } from '../src/util/random.js';
import { trainStepFlops } from './flops.js';
import { runLiveBench } from './live.js';
import { measureLslInlet } from './lsl-inlet.js';
import { median, readSampleSet } from './strnn-side.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)); // dist/bench/run.js -> repository root
const PYTHON = '/usr/bin/python3';
const TORCH_SCRIPT = join(ROOT, 'bench', 'pytorch', 'strnn_torch.py');
const STRNN_SIDE = join(ROOT, 'dist', 'bench', 'strnn-side.js');
// threadpoolctl pins and reports OpenBLAS's threads and kernel from inside the PyTorch process.
const APT_PACKAGES = ['python3-torch', 'libopenblas0-pthread', 'python3-threadpoolctl'];
// Class probabilities of the two implementations must agree to this (both float32; observed ~1e-7).
const PROB_TOLERANCE = 1e-4;
// Loss and gradient norm of one step, relative: float32 sums in different orders over a batch of 32.
const STEP_TOLERANCE = 1e-4;

interface Settings {
  quick: boolean;
  out: string;
  warmup: number;
  repeats: number;
  rounds: number;
  latencyRepeats: number;
  epochs: number;
}

interface Timing {
  ms: number; // best median over rounds
  peakRssMb: number;
}

interface Prepared {
  ckpt: string;
  x: string;
  y: string;
  cfg: StrnnConfig;
  montage: Montage;
}

const out: string[] = [];

/** A line for stdout and RESULTS.md. */
function say(line = ''): void {
  console.log(line);
  out.push(line);
}

function table(header: string[], rows: (string | number)[][]): void {
  say(`| ${header.join(' | ')} |`);
  say(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) say(`| ${r.join(' | ')} |`);
  say();
}

const fmt = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const ratio = (slow: number, fast: number) => `${fmt(slow / fast)}x`;

// ---------------------------------------------------------------------------------------------
// The Python side: installation, environment, one process per case.

function aptGet(args: string[]): number {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.error ? -1 : (r.status ?? -1);
}

function pythonHasTorch(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch, numpy, threadpoolctl'], { stdio: 'ignore' }).status === 0;
}

function openblasInstalled(): boolean {
  return spawnSync('dpkg-query', ['-W', '-f', '${Status}', 'libopenblas0-pthread'], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
}

/** Installs python3-torch and OpenBLAS with apt-get when missing (apt-get update first if the install fails). */
function ensurePyTorch(): void {
  if (pythonHasTorch() && openblasInstalled()) return;
  process.stderr.write(`bench: installing ${APT_PACKAGES.join(' ')} with apt-get (PyTorch baseline)\n`);
  let status = aptGet(['install', '-y', ...APT_PACKAGES]);
  if (status !== 0) {
    const update = aptGet(['update']);
    if (update !== 0) process.stderr.write(`bench: apt-get update exited with ${update}\n`);
    status = aptGet(['install', '-y', ...APT_PACKAGES]);
  }
  if (status !== 0 || !pythonHasTorch()) {
    throw new StrnnError('NOT_FOUND', `cannot install PyTorch: apt-get install -y ${APT_PACKAGES.join(' ')} exited with ${status}` +
      (status === 0 ? `, and ${PYTHON} still cannot import torch` : ''),
    `run as root: apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}; then npm run bench again`);
  }
}

/** Environment of a PyTorch process: thread counts pinned, OpenBLAS free to choose its kernel. */
function torchEnv(threads: number, blasThreads: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(blasThreads), OMP_NUM_THREADS: String(threads) };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

type Json = Record<string, unknown>;

function lastJsonLine(what: string, stdout: string, stderr: string, status: number | null): Json {
  if (status !== 0) {
    const tail = stderr.trim().split('\n').slice(-15).join('\n');
    throw new StrnnError('NUMERIC', `${what} exited with ${status}:\n${tail}`);
  }
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Json;
  } catch {
    throw new StrnnError('FORMAT', `${what}: last output line is not JSON: ${line.slice(0, 200)}`);
  }
}

function runTorch(command: string, args: Record<string, string | number>, threads = 1, blasThreads = 1): Json {
  const argv = [TORCH_SCRIPT, command, '--threads', String(threads), '--blas-threads', String(blasThreads)];
  for (const [k, v] of Object.entries(args)) argv.push(`--${k}`, String(v));
  const r = spawnSync(PYTHON, argv, { env: torchEnv(threads, blasThreads), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new StrnnError('NOT_FOUND', `cannot start ${PYTHON}: ${r.error.message}`, `apt-get install -y ${APT_PACKAGES.join(' ')}`);
  return lastJsonLine(`PyTorch ${command} (${threads} thread(s), BLAS ${blasThreads})`, r.stdout, r.stderr, r.status);
}

function runStrnn(command: string, args: Record<string, string | number>): Json {
  const argv = [STRNN_SIDE, command];
  for (const [k, v] of Object.entries(args)) argv.push(`--${k}`, String(v));
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return lastJsonLine(`strnn ${command} (${args.threads ?? 1} thread(s))`, r.stdout, r.stderr, r.status);
}

/** Best median (and largest peak RSS) over `rounds` runs of one case. */
function best(runs: Json[]): Timing {
  return {
    ms: Math.min(...runs.map((r) => median(r.times as number[]))),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb as number)),
  };
}

/**
 * Times one case on every listed engine, alternating sides round by round.
 * Engines: 'strnn:<threads>' or 'torch:<threads>:<blasThreads>'.
 */
function timeCase(s: Settings, strnnCommand: string, torchCommand: string, args: Record<string, string | number>, engines: string[]): Map<string, Timing> {
  const runs = new Map<string, Json[]>(engines.map((e) => [e, []]));
  for (let round = 0; round < s.rounds; round++) {
    for (const e of engines) {
      const [side, threads, blas] = e.split(':');
      const result = side === 'strnn'
        ? runStrnn(strnnCommand, { ...args, threads: Number(threads) })
        : runTorch(torchCommand, args, Number(threads), Number(blas));
      runs.get(e)!.push(result);
    }
  }
  return new Map(engines.map((e) => [e, best(runs.get(e)!)]));
}

// ---------------------------------------------------------------------------------------------
// Inputs: a seeded random checkpoint and random samples (or given samples), written for both sides.

function prepare(dir: string, name: string, cfgInput: StrnnConfigInput, montage: Montage, data: { count: number } | { x: Float32Array; y: Int32Array; count: number }): Prepared {
  const cfg = makeConfig(cfgInput);
  const model = new StrnnModel(cfg, montage, { backend: referenceBackend('float32'), maxBatch: 1 });
  model.initialize(7);
  const ckpt = join(dir, `${name}.ckpt`);
  saveCheckpoint(ckpt, model, { classNames: Array.from({ length: cfg.C }, (_, c) => `class${c}`), info: { purpose: 'npm run bench' } });
  const N = montage.nodes.length;
  let x: Float32Array;
  let y: Int32Array;
  if ('x' in data) {
    ({ x, y } = data);
  } else {
    const rng = new Rng(11);
    x = Float32Array.from({ length: data.count * cfg.T * N * cfg.dIn }, () => rng.normal());
    y = Int32Array.from({ length: data.count }, () => rng.int(cfg.C));
  }
  const xPath = join(dir, `${name}.x.npy`);
  const yPath = join(dir, `${name}.y.npy`);
  writeNpy(xPath, x, [data.count, cfg.T, N, cfg.dIn]);
  writeNpy(yPath, y, [data.count]);
  return { ckpt, x: xPath, y: yPath, cfg, montage };
}

function stepFlops(p: Prepared, B: number): number {
  const { T, dIn, dS, kS, dT, kT, C } = p.cfg;
  return trainStepFlops({ B, T, N: p.montage.nodes.length, dIn, dS, kS, dT, kT, C }).total;
}

// ---------------------------------------------------------------------------------------------
// Equivalence

async function checkEquivalence(p: Prepared, B: number): Promise<boolean> {
  const { model } = loadCheckpoint(p.ckpt, await createBackend('wasm'), 64);
  const set = readSampleSet(p.x, p.y);
  const probs = model.predict(set.x, set.count);
  model.zeroGradients();
  model.loadBatch(set.x, set.y, Array.from({ length: B }, (_, i) => i));
  const loss = model.lossAndGradients() + model.addPenalties();
  let normSq = 0;
  for (const g of model.grads) normSq += g * g;
  const norm = Math.sqrt(normSq);

  const torch = runTorch('equiv', { ckpt: p.ckpt, x: p.x, y: p.y, batch: B });
  const tProbs = torch.probs as number[];
  let probDiff = 0;
  probs.forEach((v, i) => (probDiff = Math.max(probDiff, Math.abs(v - tProbs[i]!))));
  const tGrads = torch.grads as Record<string, number[]>;
  let gradDiff = 0;
  let gradMax = 0;
  for (const spec of model.layout.params) {
    const g = model.grad(spec.name);
    const t = tGrads[spec.name]!;
    g.forEach((v, i) => {
      gradDiff = Math.max(gradDiff, Math.abs(v - t[i]!));
      gradMax = Math.max(gradMax, Math.abs(v));
    });
  }
  const lossRel = Math.abs(loss - (torch.loss as number)) / Math.abs(loss);
  const normRel = Math.abs(norm - (torch.gradNorm as number)) / norm;
  const ok = probDiff <= PROB_TOLERANCE && lossRel <= STEP_TOLERANCE && normRel <= STEP_TOLERANCE;
  say(`## Equivalence (SEED defaults, ${set.count} samples, seeded random checkpoint loaded by both)`);
  say();
  table(['quantity', 'strnn', 'PyTorch', 'difference', 'bound', 'result'], [
    ['class probabilities, max abs diff', '', '', probDiff.toExponential(2), PROB_TOLERANCE.toExponential(0), probDiff <= PROB_TOLERANCE ? 'PASS' : 'FAIL'],
    [`training-step loss (B = ${B}, CE + L1)`, loss.toFixed(6), (torch.loss as number).toFixed(6), `${lossRel.toExponential(2)} rel`, STEP_TOLERANCE.toExponential(0), lossRel <= STEP_TOLERANCE ? 'PASS' : 'FAIL'],
    ['gradient norm (all 81,653 weights)', norm.toFixed(6), (torch.gradNorm as number).toFixed(6), `${normRel.toExponential(2)} rel`, STEP_TOLERANCE.toExponential(0), normRel <= STEP_TOLERANCE ? 'PASS' : 'FAIL'],
    ['gradients, max abs diff (by name)', `max abs ${gradMax.toExponential(2)}`, '', gradDiff.toExponential(2), '(reported)', ''],
  ]);
  return ok;
}

// ---------------------------------------------------------------------------------------------

function machine(torchInfo: Json): string[] {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const flags = /flags\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.split(' ') ?? [];
  const simd = ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f'].filter((f) => flags.includes(f)).join(' ');
  const blas = torchInfo.blas as Json;
  const env = torchInfo.env as Json;
  const parentEnv = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'].map((k) => `${k}=${process.env[k] ?? '(unset)'}`).join(', ');
  return [
    `- CPU: ${model} (${simd}), ${availableParallelism()} cores available, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    `- Node ${process.version}; PyTorch ${torchInfo.torch} (Debian python3-torch, Python ${torchInfo.python}, NumPy ${torchInfo.numpy})`,
    `- OpenBLAS ${blas.version ?? ''} kernel: ${blas.kernel} (${blas.threading ?? ''}, reported by threadpoolctl; ${blas.file ?? ''})`,
    `- Environment of this run: ${parentEnv}; unset for the PyTorch processes (they saw OPENBLAS_CORETYPE=${env.OPENBLAS_CORETYPE ?? '(unset)'}, OPENBLAS_L2_SIZE=${env.OPENBLAS_L2_SIZE ?? '(unset)'})`,
    `- Single-thread matmul peak: ${fmt(torchInfo.peakGflops as number, 1)} GFLOP/s (torch.mm ${torchInfo.matmulSize}^3 float32, OpenBLAS, best of ${(torchInfo.matmulMs as number[]).length})`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const quick = values.quick ?? false;
  const s: Settings = {
    quick, out: values.out ?? join(ROOT, 'bench', 'RESULTS.md'),
    warmup: quick ? 2 : 5, repeats: quick ? 5 : 25, rounds: quick ? 1 : 3, latencyRepeats: quick ? 20 : 300, epochs: quick ? 1 : 3,
  };
  if (!existsSync(STRNN_SIDE)) throw new StrnnError('NOT_FOUND', `${STRNN_SIDE} is missing`, 'npm run build');
  ensurePyTorch();
  const started = new Date();
  const loadStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'strnn-bench-'));
  try {
    const torchInfo = runTorch('info', { size: 2048, repeats: quick ? 2 : 3 });
    say('# strnn vs PyTorch benchmark');
    say();
    say(`Generated by \`npm run bench${quick ? ' -- --quick' : ''}\` (node dist/bench/run.js${quick ? ' --quick' : ''}) on ${started.toISOString()}.`);
    say('Times are medians of timed runs after warm-up; each side runs every case in its own process (peak RSS is that process\'s maxRSS);');
    say(`the best median of ${s.rounds} alternating round(s) counts. ${s.repeats} timed runs per training-step/batched case, ${s.latencyRepeats} for single-sample latency.`);
    say('strnn: wasm-simd backend. PyTorch: bench/pytorch/strnn_torch.py (same spec, direction-batched wavefronts), OpenBLAS threads pinned.');
    say();
    say('## Machine');
    say();
    for (const line of machine(torchInfo)) say(line);
    say(`- Load average at start: ${loadStart.map((v) => v.toFixed(2)).join(' ')}`);
    say();

    const seed = prepare(dir, 'seed', {}, SEED_62, { count: 256 });
    if (!(await checkEquivalence({ ...seed }, 32))) {
      say('Equivalence FAILED: the timings below would compare different models; stopping.');
      process.exitCode = 1;
      return;
    }

    const hasParallel = existsSync(join(ROOT, 'dist', 'src', 'train', 'parallel.js'));
    const strnn2 = hasParallel ? ['strnn:2'] : [];
    const peak = torchInfo.peakGflops as number;
    const io = (p: Prepared, extra: Record<string, number> = {}) => ({ ckpt: p.ckpt, x: p.x, y: p.y, warmup: s.warmup, repeats: s.repeats, ...extra });

    // 1. Training step at SEED defaults.
    const step = timeCase(s, 'train-step', 'train-step', io(seed, { batch: 32 }), ['strnn:1', ...strnn2, 'torch:1:1', 'torch:2:1', 'torch:2:2']);
    const t = (e: string) => step.get(e) ?? { ms: NaN, peakRssMb: NaN };
    const torchBest2 = t('torch:2:1').ms <= t('torch:2:2').ms ? 'torch:2:1' : 'torch:2:2';
    say('## 1. Training step, SEED defaults (B = 32, T = 9, N = 62, d_in = 5, d_s = 30, K_s = 10, d_t = 30, K_t = 5, C = 3)');
    say();
    say('Forward + backward + L1 penalties + Adam over all 81,653 weights.');
    say();
    table(['threads', 'strnn ms', 'PyTorch ms (BLAS 1 thread)', 'PyTorch ms (BLAS 2 threads)', 'PyTorch best / strnn', 'strnn peak RSS MB', 'PyTorch peak RSS MB'], [
      [1, fmt(t('strnn:1').ms), fmt(t('torch:1:1').ms), '', ratio(t('torch:1:1').ms, t('strnn:1').ms), fmt(t('strnn:1').peakRssMb, 0), fmt(t('torch:1:1').peakRssMb, 0)],
      [2, hasParallel ? fmt(t('strnn:2').ms) : 'n/a (no parallel engine yet)', fmt(t('torch:2:1').ms), fmt(t('torch:2:2').ms),
        hasParallel ? ratio(t(torchBest2).ms, t('strnn:2').ms) : 'n/a', hasParallel ? fmt(t('strnn:2').peakRssMb, 0) : 'n/a', fmt(t(torchBest2).peakRssMb, 0)],
    ]);

    // 2. Inference.
    const batched = timeCase(s, 'infer', 'infer', io(seed, { batch: 256 }), ['strnn:1', 'torch:1:1', 'torch:2:1', 'torch:2:2']);
    const single = timeCase({ ...s, repeats: s.latencyRepeats, warmup: s.warmup * 4 }, 'infer', 'infer', { ...io(seed, { batch: 1 }), repeats: s.latencyRepeats, warmup: s.warmup * 4 }, ['strnn:1', 'torch:1:1']);
    const b = (e: string) => batched.get(e)!;
    const torchInfer2 = Math.min(b('torch:2:1').ms, b('torch:2:2').ms);
    say('## 2. Inference (SEED defaults; load + forward + softmax)');
    say();
    table(['case', 'strnn (1 thread)', 'PyTorch 1 thread', 'PyTorch 2 threads (best BLAS)', 'PyTorch 1t / strnn', 'strnn peak RSS MB', 'PyTorch peak RSS MB'], [
      ['batched, B = 256', `${fmt(b('strnn:1').ms)} ms`, `${fmt(b('torch:1:1').ms)} ms`, `${fmt(torchInfer2)} ms`, ratio(b('torch:1:1').ms, b('strnn:1').ms), fmt(b('strnn:1').peakRssMb, 0), fmt(b('torch:1:1').peakRssMb, 0)],
      ['single sample, B = 1', `${fmt(single.get('strnn:1')!.ms, 3)} ms`, `${fmt(single.get('torch:1:1')!.ms, 3)} ms`, '', ratio(single.get('torch:1:1')!.ms, single.get('strnn:1')!.ms),
        fmt(single.get('strnn:1')!.peakRssMb, 0), fmt(single.get('torch:1:1')!.peakRssMb, 0)],
    ]);
    say(`Batched throughput: strnn ${fmt(256 / b('strnn:1').ms * 1000, 0)} samples/s, PyTorch ${fmt(256 / b('torch:1:1').ms * 1000, 0)} samples/s (1 thread).`);
    say();

    // 3. Full training run of one subject-session.
    const trials = syntheticSeedTrials({ subjects: 1, sessions: 1, durationScale: 1 });
    const windows = trials.reduce((n, tr) => n + tr.windows, 0);
    const raw = windowTrials(trials, { T: 9 });
    const samples = normalized(raw, fitNormalization(raw));
    const session = prepare(dir, 'session', {}, SEED_62, { x: samples.x, y: samples.y, count: samples.count });
    const runArgs = { ckpt: session.ckpt, x: session.x, y: session.y, epochs: s.epochs, batch: 32 };
    const fullRuns: [string, Json][] = [['strnn:1', runStrnn('train-run', { ...runArgs, threads: 1 })], ['torch:1:1', runTorch('train-run', runArgs, 1, 1)]];
    if (!quick && hasParallel) fullRuns.push(['strnn:2', runStrnn('train-run', { ...runArgs, threads: 2 })], ['torch:2:1', runTorch('train-run', runArgs, 2, 1)]);
    const full = new Map(fullRuns);
    say(`## 3. Full training run: one subject-session (${windows} windows -> ${samples.count} samples of 9 slices, normalised), ${s.epochs} epoch(s), batch 32, Adam, clip 5, no early stopping`);
    say();
    const steps = Math.ceil(samples.count / 32) * s.epochs;
    table(['engine', 'threads', 'seconds', 'ms / step', 'peak RSS MB', 'last-epoch train loss', 'last-epoch train accuracy'],
      fullRuns.map(([e, r]) => {
        const last = (r.epochs as Json[]).at(-1)!;
        return [e.startsWith('strnn') ? 'strnn' : 'PyTorch', e.split(':')[1]!, fmt(r.seconds as number), fmt((r.seconds as number) * 1000 / steps), fmt(r.peakRssMb as number, 0),
          fmt(last.loss as number, 4), fmt(last.accuracy as number, 3)];
      }));
    const fullS = full.get('strnn:1')!;
    const fullT = full.get('torch:1:1')!;
    say(`PyTorch / strnn time at 1 thread: ${ratio(fullT.seconds as number, fullS.seconds as number)}.`);
    say();

    // 4. Face configuration.
    const face = prepare(dir, 'face', { dIn: 64, T: 9, C: 7 }, gridMontage(8, 8), { count: 128 });
    const faceT = timeCase(s, 'train-step', 'train-step', io(face, { batch: 32 }), ['strnn:1', ...strnn2, 'torch:1:1', 'torch:2:1', 'torch:2:2']);
    const f = (e: string) => faceT.get(e) ?? { ms: NaN, peakRssMb: NaN };
    const faceBest2 = Math.min(f('torch:2:1').ms, f('torch:2:2').ms);
    say('## 4. Face configuration: training step, 8x8 full grid (N = 64), d_in = 64, T = 9, C = 7, B = 32');
    say();
    table(['threads', 'strnn ms', 'PyTorch best ms', 'PyTorch / strnn', 'strnn GFLOP/s'], [
      [1, fmt(f('strnn:1').ms), fmt(f('torch:1:1').ms), ratio(f('torch:1:1').ms, f('strnn:1').ms), fmt(stepFlops(face, 32) / f('strnn:1').ms / 1e6, 1)],
      [2, hasParallel ? fmt(f('strnn:2').ms) : 'n/a (no parallel engine yet)', fmt(faceBest2), hasParallel ? ratio(faceBest2, f('strnn:2').ms) : 'n/a', hasParallel ? fmt(stepFlops(face, 32) / f('strnn:2').ms / 1e6, 1) : 'n/a'],
    ]);

    // 5. Scaling in N and T (1 thread each).
    const scaleRows: (string | number)[][] = [];
    const scaleCases: [string, Montage, number][] = [
      ['grid 4x4', gridMontage(4, 4), 9], ['grid 6x6', gridMontage(6, 6), 9], ['grid 8x8', gridMontage(8, 8), 9], ['grid 9x9', gridMontage(9, 9), 9],
      ['SEED-62', SEED_62, 3], ['SEED-62', SEED_62, 9], ['SEED-62', SEED_62, 18], ['SEED-62', SEED_62, 36],
    ];
    for (const [name, montage, T] of scaleCases) {
      const p = prepare(dir, `scale-${montage.name}-${T}`, { T }, montage, { count: 128 });
      const r = timeCase({ ...s, rounds: 1 }, 'train-step', 'train-step', io(p, { batch: 32 }), ['strnn:1', 'torch:1:1']);
      const sm = r.get('strnn:1')!.ms;
      const tm = r.get('torch:1:1')!.ms;
      scaleRows.push([name, montage.nodes.length, T, fmt(sm), fmt(tm), ratio(tm, sm), fmt(stepFlops(p, 32) / 1e6, 0), fmt(stepFlops(p, 32) / sm / 1e6, 1)]);
    }
    say('## 5. Scaling: training step (B = 32, d_in = 5, other sizes default), 1 thread');
    say();
    table(['montage', 'N', 'T', 'strnn ms', 'PyTorch ms', 'PyTorch / strnn', 'gemm MFLOP / step', 'strnn GFLOP/s'], scaleRows);

    // 6. Achieved GFLOP/s.
    const flops = trainStepFlops({ B: 32, T: 9, N: 62, dIn: 5, dS: 30, kS: 10, dT: 30, kT: 5, C: 3 });
    const achieved = flops.total / t('strnn:1').ms / 1e6;
    say('## 6. Achieved GFLOP/s of strnn\'s training step (SEED defaults, 1 thread)');
    say();
    say('Flops counted analytically from the layer shapes, every gemm of forward and backward (formula in bench/flops.ts, checked in test/bench/flops.test.ts against the gemm calls of a real step).');
    say();
    table(['gemm MFLOP / step (forward + backward)', 'strnn ms', 'strnn GFLOP/s', 'OpenBLAS 1-thread peak GFLOP/s', 'fraction of peak', 'PyTorch GFLOP/s (same count)'], [
      [`${fmt(flops.total / 1e6, 1)} (${fmt(flops.forward / 1e6, 1)} + ${fmt(flops.backward / 1e6, 1)})`, fmt(t('strnn:1').ms), fmt(achieved, 1), fmt(peak, 1),
        `${fmt(100 * achieved / peak, 0)} %`, fmt(flops.total / t('torch:1:1').ms / 1e6, 1)],
    ]);

    // 7. LSL inlet throughput (bench/lsl-inlet.ts).
    const lsl = await measureLslInlet({ samples: quick ? 30_000 : 100_000, rounds: quick ? 1 : 3 });
    say('## 7. LSL inlet throughput, loopback (64 float32 channels, every sample stamped, best of rounds)');
    say();
    table(['samples', 'seconds', 'M values/s', 'x a 64-channel 1000 Hz stream'], [[lsl.samples, fmt(lsl.seconds, 3), fmt(lsl.valuesPerSecond / 1e6), fmt(lsl.realtimeRatio, 0)]]);
    say();

    // 8. Live (bench/live.ts): per-window latency and file replay through the live pipeline.
    const live = await runLiveBench(quick);
    say('<!-- live:start -->');
    for (const line of live.lines) say(line);
    say('<!-- live:end -->');
    say();

    // Targets.
    const targets: (string | number)[][] = [];
    const target = (name: string, goal: string, value: string, pass: boolean, margin: string) => targets.push([name, goal, value, pass ? 'PASS' : 'MISS', margin]);
    const r1 = t('torch:1:1').ms / t('strnn:1').ms;
    target('training step, 1 thread', '>= 3x PyTorch', `${fmt(r1)}x`, r1 >= 3, r1 >= 3 ? `${fmt(r1 / 3)}x the target` : `${fmt(3 / r1)}x short`);
    if (hasParallel) {
      const r2 = t(torchBest2).ms / t('strnn:2').ms;
      target('training step, 2 threads', '>= 3x PyTorch best', `${fmt(r2)}x`, r2 >= 3, r2 >= 3 ? `${fmt(r2 / 3)}x the target` : `${fmt(3 / r2)}x short`);
    } else {
      targets.push(['training step, 2 threads', '>= 3x PyTorch best', 'n/a (no parallel engine yet)', 'n/a', '']);
    }
    const lat = single.get('strnn:1')!.ms;
    target('single-sample inference', '<= 0.5 ms', `${fmt(lat, 3)} ms`, lat <= 0.5, lat <= 0.5 ? `${fmt(0.5 / lat)}x under` : `${fmt(lat / 0.5)}x over`);
    const rb = b('torch:1:1').ms / b('strnn:1').ms;
    target('batched inference (B = 256), 1 thread', '>= 3x PyTorch', `${fmt(rb)}x`, rb >= 3, rb >= 3 ? `${fmt(rb / 3)}x the target` : `${fmt(3 / rb)}x short`);
    const rss = fullS.peakRssMb as number;
    target('peak RSS, subject-session run', '<= 300 MB', `${fmt(rss, 0)} MB`, rss <= 300, rss <= 300 ? `${fmt(300 - rss, 0)} MB to spare` : `${fmt(rss - 300, 0)} MB over`);
    target('LSL inlet, 64 ch float32, loopback', '>= 100x real time', `${fmt(lsl.realtimeRatio, 0)}x`, lsl.realtimeRatio >= 100,
      lsl.realtimeRatio >= 100 ? `${fmt(lsl.realtimeRatio / 100)}x the target` : `${fmt(100 / lsl.realtimeRatio)}x short`);
    for (const [name, goal, value, pass, margin] of live.targets) target(name, goal, value, pass, margin);
    say('## Targets');
    say();
    table(['target', 'goal', 'measured', 'result', 'margin'], targets);
    say(`Load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}; total bench time ${fmt((Date.now() - started.getTime()) / 1000, 0)} s.`);
    writeFileAtomic(s.out, out.join('\n') + '\n');
    process.stderr.write(`bench: wrote ${s.out}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  const err = e as StrnnError;
  process.stderr.write(`bench: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
  process.exitCode = 1;
});
