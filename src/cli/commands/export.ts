// `strnn export`: write a checkpoint's forward pass as an ONNX model, for ONNX Runtime users (Python,
// C/C++, mobile, the web). See src/export/onnx-export.ts for the graph, opset and metadata.
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';

export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'write a checkpoint as an ONNX model (opset 13): input x [batch, T, N, d_in] in raw units, outputs probabilities and logits',
  examples: [
    'strnn export --model model/ --format onnx --out model.onnx',
    'strnn export --model face-model/ --out face.onnx --json',
  ],
  flags: ['model', 'modelFormat', 'outFile', 'json'],
  async run(f) {
    const { requireFlags } = await import('./shared.js');
    requireFlags(f, ['model', 'out'], 'export');
    const { referenceBackend } = await import('../../kernels/ref/index.js');
    const { loadCheckpoint } = await import('../../formats/checkpoint.js');
    const { writeOnnxFile, ONNX_OPSET, ONNX_IR_VERSION, BATCH_DIMENSION } = await import('../../export/onnx-export.js');
    const model = f.model as string;
    const out = f.out as string;
    // No kernel runs during export: the reference backend only holds the weights.
    const ckpt = loadCheckpoint(model, referenceBackend('float32'), 1);
    const r = writeOnnxFile(out, ckpt, { source: model });
    const { T, dIn, C } = ckpt.model.config;
    const shape = [BATCH_DIMENSION, T, ckpt.model.nodes, dIn];
    const summary = {
      out, bytes: r.bytes.length, format: 'onnx', opset: ONNX_OPSET, irVersion: ONNX_IR_VERSION,
      input: { name: 'x', shape }, outputs: { probabilities: [BATCH_DIMENSION, C], logits: [BATCH_DIMENSION, C] },
      classNames: ckpt.classNames, nodes: r.nodes, initializers: r.initializers,
    };
    printResult(f, summary, () => [
      `wrote ${out} (${(r.bytes.length / 1e3).toFixed(1)} kB, ONNX opset ${ONNX_OPSET}, IR version ${ONNX_IR_VERSION}, ${r.nodes} nodes)`,
      `input x: float32 [${shape.join(', ')}] raw features${ckpt.normalization ? ' (normalised inside the graph)' : ''}`,
      `outputs probabilities, logits: float32 [${BATCH_DIMENSION}, ${C}], classes ${ckpt.classNames.join(', ')}`,
    ].join('\n'));
  },
};
