// STRNN configuration: every choice the spec marks *(config)*, with the spec's defaults
// (../shared/spec/strnn-model.md, "Defaults").
import { z } from 'zod';
import { StrnnError } from '../util/errors.js';

export const activationSchema = z.enum(['tanh', 'relu']);
export const initSchema = z.enum(['fan-in-uniform', 'glorot-uniform']);

export const strnnConfigSchema = z.object({
  /** Time slices per sample. */
  T: z.number().int().positive().default(9),
  /** Features per node (5 DE bands; 64 pixels for an 8x8 face patch). */
  dIn: z.number().int().positive().default(5),
  /** Number of classes. */
  C: z.number().int().min(2).default(3),
  /** Spatial RNN state size and number of spatial projection columns. */
  dS: z.number().int().positive().default(30),
  kS: z.number().int().positive().default(10),
  /** Temporal RNN state size and number of temporal projection columns. */
  dT: z.number().int().positive().default(30),
  kT: z.number().int().positive().default(5),
  spatialActivation: activationSchema.default('tanh'),
  temporalActivation: activationSchema.default('tanh'),
  /** L1 weights on the sparse projections G_r and H_f, H_b; L2 weight on all non-bias parameters. */
  lambdaS: z.number().min(0).default(1e-3),
  lambdaT: z.number().min(0).default(1e-3),
  lambdaW: z.number().min(0).default(0),
  /** fan-in-uniform: U(-1/sqrt(f), 1/sqrt(f)) for every tensor incl. biases (spec default); glorot-uniform: Glorot weights, zero biases. */
  init: initSchema.default('fan-in-uniform'),
});

/** The model's hyper-parameters; N (nodes) comes from the montage. */
export type StrnnConfig = z.infer<typeof strnnConfigSchema>;
export type StrnnConfigInput = z.input<typeof strnnConfigSchema>;

/** Fills in defaults and validates; errors name the field and the expected value. */
export function makeConfig(input: StrnnConfigInput = {}, source = 'model config'): StrnnConfig {
  const parsed = strnnConfigSchema.strict().safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StrnnError('CONFIG', `${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** All dimensions of one batch, in the spec's letters; S = T * B slices (time-major: s = t * B + b). */
export interface Dims {
  readonly B: number;
  readonly T: number;
  readonly S: number;
  readonly N: number;
  readonly dIn: number;
  readonly dS: number;
  readonly kS: number;
  readonly dT: number;
  readonly kT: number;
  readonly C: number;
}

export function dimsFor(cfg: StrnnConfig, nodes: number, batch: number): Dims {
  return Object.freeze({
    B: batch, T: cfg.T, S: cfg.T * batch, N: nodes, dIn: cfg.dIn,
    dS: cfg.dS, kS: cfg.kS, dT: cfg.dT, kT: cfg.kT, C: cfg.C,
  });
}
