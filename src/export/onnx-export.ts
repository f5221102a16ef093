// Export of a loaded strnn checkpoint to an ONNX model file, so that ONNX Runtime (Python, C/C++,
// mobile, the web) runs the same forward pass without strnn.
//
// ONNX opset 13 with IR version 7: every operator used (MatMul, Add, Sub, Div, Gather, Concat, Split,
// Transpose, Reshape, Tanh, Relu, Softmax) has had its current meaning since opset 13, and IR 7 /
// opset 13 is read by ONNX Runtime 1.6 (2020) and later; a newer opset would only shut out older
// runtimes. The input x is float32 [batch, T, N, d_in] in the checkpoint's raw units (the
// normalisation is part of the graph); outputs are probabilities and logits, float32 [batch, C].
// Metadata properties (JSON strings) tell a user how to prepare inputs: see onnx-metadata.ts.
import { readFileSync } from 'node:fs';
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { checkExportable } from './check-exportable.js';
import { OnnxGraphBuilder } from './onnx-graph.js';
import { onnxMetadata } from './onnx-metadata.js';
import { encodeOnnxModel, TENSOR_FLOAT } from './onnx-proto.js';
import { buildStrnnGraph, INPUT_NAME } from './strnn-graph.js';

export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 7;
/** The symbolic batch dimension of the input and outputs. */
export const BATCH_DIMENSION = 'batch';

export interface OnnxExportOptions {
  /** Where the checkpoint came from (a directory), named in error messages. */
  source?: string;
  /** Producer version recorded in the file (default: this strnn's version). */
  producerVersion?: string;
}

/** What was exported: the file's bytes and the size of its graph. */
export interface OnnxExport {
  bytes: Uint8Array;
  nodes: number;
  initializers: number;
}

/** This package's version, from its package.json (three levels above dist/src/export/). */
function strnnVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

/** The checkpoint's forward pass as ONNX protobuf bytes. Throws a StrnnError naming the field it cannot express. */
export function exportOnnx(ckpt: LoadedCheckpoint, options: OnnxExportOptions = {}): Uint8Array {
  return buildOnnx(ckpt, options).bytes;
}

/** exportOnnx, with the graph's node and initializer counts. */
export function buildOnnx(ckpt: LoadedCheckpoint, options: OnnxExportOptions = {}): OnnxExport {
  const source = options.source ?? 'checkpoint';
  checkExportable(ckpt, source);
  const cfg = ckpt.model.config;
  const N = ckpt.model.nodes;
  const g = new OnnxGraphBuilder();
  const x = g.reserve(INPUT_NAME);
  const out = buildStrnnGraph(g, ckpt, x);
  const bytes = encodeOnnxModel({
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'strnn',
    producerVersion: options.producerVersion ?? strnnVersion(),
    docString: `STRNN (Zhang et al., arXiv 1705.04515) exported by strnn: ${ckpt.classNames.length} classes, ${N} nodes, T = ${cfg.T}, d_in = ${cfg.dIn}`,
    graph: {
      name: 'strnn',
      docString: 'input x: raw features [batch, T, N, d_in] (normalised inside the graph); outputs: class probabilities and logits [batch, C]',
      node: g.nodes,
      initializer: g.initializers,
      input: [{ name: x, elemType: TENSOR_FLOAT, shape: [BATCH_DIMENSION, cfg.T, N, cfg.dIn], docString: 'raw features: batch x T time slices x N nodes (montage order) x d_in' }],
      output: [
        { name: out.probabilities, elemType: TENSOR_FLOAT, shape: [BATCH_DIMENSION, cfg.C], docString: 'class probabilities, classes in the order of metadata classNames' },
        { name: out.logits, elemType: TENSOR_FLOAT, shape: [BATCH_DIMENSION, cfg.C], docString: 'logits (softmax input)' },
      ],
    },
    metadataProps: onnxMetadata(ckpt),
  });
  return { bytes, nodes: g.nodes.length, initializers: g.initializers.length };
}

/** Exports to `path` atomically (a temporary file renamed into place). */
export function writeOnnxFile(path: string, ckpt: LoadedCheckpoint, options: OnnxExportOptions = {}): OnnxExport {
  const result = buildOnnx(ckpt, options);
  writeFileAtomic(path, result.bytes);
  return result;
}
