// The metadata_props of an exported model: JSON strings that tell a user of the .onnx file, without
// strnn, what the classes are, where each node sits and how raw data becomes the input x.
//   classNames   ["negative", "neutral", "positive"]: column order of probabilities and logits
//   montage      { name, rows, cols, nodes: [{ name, row, col }] }: node i of x's N axis
//   input        { name, layout, T, N, dIn, normalization }: how x is laid out
//   config       the model's hyper-parameters (checkpoint field config)
//   features     the feature pipeline (checkpoint field features), when the checkpoint has one
//   face         the face preprocessing (checkpoint info.face), for face models
import type { LoadedCheckpoint } from '../formats/checkpoint.js';

export const METADATA_VERSION = 1;

export function onnxMetadata(ckpt: LoadedCheckpoint): Record<string, string> {
  const { model } = ckpt;
  const { name, rows, cols, nodes } = model.montage;
  const input = {
    name: 'x',
    layout: ['batch', 'T', 'N', 'dIn'],
    T: model.config.T,
    N: model.nodes,
    dIn: model.config.dIn,
    normalization: ckpt.normalization
      ? 'inside the graph: (x - mean) / std with the training statistics, so x is in raw feature units'
      : 'none: the checkpoint has no normalisation, x goes into the model as given',
  };
  const face = ckpt.info?.face;
  return {
    'strnn.metadataVersion': String(METADATA_VERSION),
    classNames: JSON.stringify(ckpt.classNames),
    montage: JSON.stringify({ name, rows, cols, nodes: nodes.map((n) => ({ name: n.name, row: n.row, col: n.col })) }),
    input: JSON.stringify(input),
    config: JSON.stringify(model.config),
    ...(ckpt.features && { features: JSON.stringify(ckpt.features) }),
    ...(face !== undefined && { face: JSON.stringify(face) }),
  };
}
