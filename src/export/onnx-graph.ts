// A small builder for a static ONNX graph: nodes get unique names and outputs, and initializers with
// equal shape and bytes are stored once (wavefronts of different sweeps often share their index or
// predecessor matrices, so the file stays small).
import { createHash } from 'node:crypto';
import {
  ATTRIBUTE_INT, ATTRIBUTE_INTS, TENSOR_FLOAT, TENSOR_INT64,
  type OnnxAttribute, type OnnxNode, type OnnxTensor,
} from './onnx-proto.js';

export type AttributeValue = number | number[];

export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly byContent = new Map<string, string>();
  private readonly usedNames = new Set<string>();

  /** A name not used before: `base`, or `base_2`, `base_3`, ... */
  private unique(base: string): string {
    let name = base;
    for (let k = 2; this.usedNames.has(name); k++) name = `${base}_${k}`;
    this.usedNames.add(name);
    return name;
  }

  /** Reserves a value name (a graph input) before any node is added, so nothing else takes it. */
  reserve(name: string): string {
    return this.unique(name);
  }

  /**
   * Adds one node; its single output is named `output` (made unique). Integer attributes become INT,
   * arrays INTS. Returns the output name.
   */
  node(opType: string, inputs: string[], output: string, attributes: Record<string, AttributeValue> = {}): string {
    return this.nodeWithOutputs(opType, inputs, [output], attributes)[0]!;
  }

  /** Adds one node with several outputs (Split); returns their names. */
  nodeWithOutputs(opType: string, inputs: string[], outputs: string[], attributes: Record<string, AttributeValue> = {}): string[] {
    const names = outputs.map((o) => this.unique(o));
    const attribute: OnnxAttribute[] = Object.entries(attributes).map(([name, value]) =>
      Array.isArray(value) ? { name, type: ATTRIBUTE_INTS, ints: value } : { name, type: ATTRIBUTE_INT, i: value });
    this.nodes.push({ opType, name: this.unique(`${opType}:${names[0]}`), input: inputs, output: names, attribute });
    return names;
  }

  /** A float32 initializer (raw_data is little-endian); an identical earlier one (same dims and values) is reused. */
  floats(name: string, dims: number[], values: ArrayLike<number>): string {
    const bytes = new Uint8Array(4 * values.length);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
    return this.initializer(name, dims, TENSOR_FLOAT, bytes);
  }

  /** An int64 initializer (indices, shapes, axes); identical ones are shared. */
  int64s(name: string, dims: number[], values: readonly number[]): string {
    const bytes = new Uint8Array(8 * values.length);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setBigInt64(8 * i, BigInt(v), true));
    return this.initializer(name, dims, TENSOR_INT64, bytes);
  }

  private initializer(name: string, dims: number[], dataType: number, bytes: Uint8Array): string {
    const key = createHash('sha256').update(`${dataType}:${dims.join('x')}:`).update(bytes).digest('hex');
    const existing = this.byContent.get(key);
    if (existing !== undefined) return existing;
    const unique = this.unique(name);
    this.byContent.set(key, unique);
    this.initializers.push({ name: unique, dims, dataType, rawData: bytes });
    return unique;
  }
}
